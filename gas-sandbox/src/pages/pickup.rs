//! `/sandbox/pickup/{id}`: the subscriber's pick-up. GET shows the form; POST with the
//! PickupPassword answers the certificate file, or the form again with why not. The typed
//! password is never written back into the page.

use super::{PageResponse, escape, status_name};
use crate::emulator::Emulator;
use crate::pickup::{self, PickupError};

fn form_html(id: &str, note: &str) -> String {
    format!(
        "{note}<form method=\"post\" action=\"/sandbox/pickup/{id}\">\
<p><label>PickupPassword <input type=\"password\" id=\"password\" name=\"password\" \
autocomplete=\"off\" required minlength=\"1\" maxlength=\"256\"></label> \
<button type=\"submit\" id=\"download\">Download the certificate</button></p></form>",
        id = escape(id),
    )
}

/// What the subscriber is about to pick up, or why they cannot.
fn summary(emulator: &Emulator, id: &str) -> Result<String, PageResponse> {
    let Some(order) = emulator.admin_order(id) else {
        return Err(PageResponse::html(
            404,
            "Pick-up",
            &format!("<p class=\"err\">There is no order {}.</p>", escape(id)),
        ));
    };
    let pem = match &order.certificate {
        Some(_) => order.pickup.key.is_none(),
        None => order.csr_pem.is_some() || order.has_csr,
    };
    let format = if pem {
        "the certificate and its chain (PEM): your key stays where your CSR was made"
    } else {
        "a PKCS#12 file with your new key and certificate, protected by your PickupPassword"
    };
    let mut html = format!(
        "<table><tr><th>Order</th><td>{id}</td></tr><tr><th>Product</th><td>{product}</td></tr>\
<tr><th>Status</th><td>{status}</td></tr><tr><th>You get</th><td>{format}</td></tr></table>\n",
        id = escape(id),
        product = order.product,
        status = status_name(order.status),
    );
    if order.pickup.verifier.is_none() {
        html.push_str(
            "<p class=\"err\">This order was placed without a PickupPassword: its certificate \
             is delivered through the API only.</p>",
        );
        return Err(PageResponse::html(409, "Pick-up", &html));
    }
    if let Some(why) = pickup::unavailable_because(order.status) {
        html.push_str(&format!(
            "<p class=\"err\">This order cannot be picked up: {why}.</p>"
        ));
        return Err(PageResponse::html(409, "Pick-up", &html));
    }
    Ok(html)
}

pub(super) fn form(emulator: &Emulator, id: &str) -> PageResponse {
    match summary(emulator, id) {
        Ok(html) => PageResponse::html(
            200,
            "Pick up your certificate",
            &(html + &form_html(id, "")),
        ),
        Err(page) => page,
    }
}

pub(super) fn submit(emulator: &Emulator, id: &str, password: &str) -> PageResponse {
    match emulator.pick_up(id, password) {
        Ok(file) => PageResponse {
            status: 200,
            content_type: file.content_type,
            body: file.bytes,
            location: None,
            download_name: Some(file.file_name),
        },
        Err(PickupError::WrongPassword(wrong)) => {
            let html = summary(emulator, id).unwrap_or_default();
            let note = format!(
                "<p class=\"err\" id=\"refused\">Wrong PickupPassword: nothing was delivered \
                 ({wrong} wrong attempt(s) on this order so far).</p>"
            );
            PageResponse::html(
                403,
                "Pick up your certificate",
                &(html + &form_html(id, &note)),
            )
        }
        Err(PickupError::NoSuchOrder(_)) => PageResponse::not_found(),
        Err(e @ (PickupError::NoPickupPassword(_) | PickupError::NotAvailable { .. })) => {
            PageResponse::html(
                409,
                "Pick-up",
                &format!("<p class=\"err\">{}</p>", escape(&e.to_string())),
            )
        }
        Err(e @ PickupError::Internal(_)) => PageResponse::html(
            500,
            "Pick-up",
            &format!("<p class=\"err\">{}</p>", escape(&e.to_string())),
        ),
    }
}
