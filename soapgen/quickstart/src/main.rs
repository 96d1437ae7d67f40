mod stub;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = stub::start().await?; // the generated server trait, on loopback
    let client = check_vat_service::Client::new(server.url())?;
    let input = check_vat_service::types::CheckVat { country_code: "BE".into(), vat_number: "0123456789".into() };
    let answer = client.check_vat(input).await?;
    println!("{} {} valid={} name={:?}", answer.country_code, answer.vat_number, answer.valid, answer.name);
    Ok(())
}
