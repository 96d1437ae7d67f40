//! gas-sandbox: a local GasOrderService v2 that follows GlobalSign's spec.
