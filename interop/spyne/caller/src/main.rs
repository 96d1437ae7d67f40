//! Calls every operation of the spyne service (interop/spyne/service.py) through the
//! clients generated from the WSDLs it publishes, and checks each answer. Arguments: the
//! SOAP 1.1 and the SOAP 1.2 endpoint. Prints one line per check; exits non-zero on the
//! first wrong answer.

use std::process::ExitCode;

/// The same calls and checks for a generated crate (both are generated from the same
/// service, one per SOAP binding).
macro_rules! check_service {
    ($krate:ident, $url:expr) => {{
        use $krate::soap_runtime::Date;
        use $krate::types::*;
        let client = $krate::Client::new($url)?;
        let version = stringify!($krate);

        let answer = client.echo(Echo { text: "grüße & <tags>".into() }).await?;
        ensure(answer.echo_result.as_deref() == Some("grüße & <tags>"), version, "echo", &answer)?;

        let ada = Person {
            name: "Ada".into(),
            age: 36,
            birthday: Some("1815-12-10".parse::<Date>().map_err(|e| format!("{e:?}"))?),
            favourite: Some(Color::Green),
            address: Some(Address {
                street: "1 St James's Square".into(),
                city: "London".into(),
                zip: None,
            }),
            nicknames: vec!["Enchantress of Number".into(), "Lady Lovelace".into()],
        };
        let answer = client.echo_person(EchoPerson { person: Some(ada.clone()) }).await?;
        ensure(answer.echo_person_result.as_ref() == Some(&ada), version, "echo_person (nested, array, enum, date, nil)", &answer)?;

        let alan = Person { name: "Alan".into(), age: 41, favourite: Some(Color::Blue), ..Person::default() };
        let answer = client.echo_person(EchoPerson { person: Some(alan.clone()) }).await?;
        ensure(answer.echo_person_result.as_ref() == Some(&alan), version, "echo_person (optional fields absent)", &answer)?;

        let answer = client.summarize(Summarize { people: vec![ada.clone(), alan.clone()] }).await?;
        let summary = answer.summarize_result.clone().unwrap_or_default();
        ensure(
            summary.count == 2
                && summary.oldest.as_deref() == Some("Alan")
                && summary.colors == vec![Color::Green, Color::Blue]
                && summary.when.to_string().starts_with("2026-01-31T12:30:00"),
            version, "summarize (array of complex, array of enum, dateTime)", &answer,
        )?;
        let answer = client.summarize(Summarize { people: vec![] }).await?;
        let summary = answer.summarize_result.clone().unwrap_or_default();
        ensure(summary.count == 0 && summary.oldest.is_none() && summary.colors.is_empty(), version, "summarize (empty array, nil)", &answer)?;

        let answer = client.find_person(FindPerson { name: "Ada".into() }).await?;
        let found = answer.find_person_result.clone().unwrap_or_default();
        ensure(found.name == "Ada" && found.address.as_ref().is_some_and(|a| a.city == "London" && a.zip.is_none()), version, "find_person", &answer)?;
        match client.find_person(FindPerson { name: "Grace".into() }).await {
            Err(e) => {
                let fault = e.fault().cloned().unwrap_or_default();
                ensure(
                    // SOAP 1.1: faultcode `Client.PersonNotFound`; SOAP 1.2: Sender with that subcode.
                    e.status() == Some(500)
                        && (fault.code.ends_with("Client.PersonNotFound") || fault.subcode.as_deref() == Some("PersonNotFound"))
                        && fault.string == "no person named Grace",
                    version, "find_person (declared fault)", &e,
                )?;
            }
            Ok(answer) => ensure(false, version, "find_person (declared fault)", &answer)?,
        }

        let answer = client.add_days(AddDays { day: "2024-02-27".parse::<Date>().map_err(|e| format!("{e:?}"))?, days: 3 }).await?;
        ensure(answer.add_days_result.map(|d| d.to_string()).as_deref() == Some("2024-03-01"), version, "add_days (date arithmetic across a leap day)", &answer)?;
    }};
}

fn ensure(ok: bool, version: &str, what: &str, got: &dyn std::fmt::Debug) -> Result<(), String> {
    if ok {
        println!("{version}: {what}: ok");
        Ok(())
    } else {
        Err(format!("{version}: {what}: unexpected answer {got:?}"))
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [soap11, soap12] = args.as_slice() else {
        eprintln!("usage: spyne-caller <soap11 url> <soap12 url>");
        return ExitCode::FAILURE;
    };
    let run = async {
        check_service!(interop11, soap11.clone());
        check_service!(interop12, soap12.clone());
        Ok::<(), Box<dyn std::error::Error>>(())
    };
    match run.await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
