//! gas-client: a typed client for GlobalSign's client-certificate SOAP API (GasOrderService v2).
