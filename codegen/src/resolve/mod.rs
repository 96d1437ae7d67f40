//! Resolution: the loaded documents ([`crate::parse::loader::Loaded`]) → the
//! language-neutral [`Model`]. Every QName is looked up here; anything that names
//! nothing is an error with the position of the reference.

pub mod builtins;
pub mod schema;
pub mod wsdl;

use crate::error::Error;
use crate::model::Model;
use crate::parse::loader::Loaded;

/// Builds the model. SOAP encoding is refused first, so an rpc/encoded WSDL ends
/// in that one clear error rather than in a `soapenc:Array` lookup failure.
pub fn build(entry: String, loaded: Loaded) -> Result<Model, Error> {
    wsdl::refuse_encoded(&loaded)?;
    let set = schema::SchemaSet::new(&loaded)?;
    let wsdl = wsdl::build(&loaded, &set)?;
    let schema = set.build()?;
    let mut notes = loaded.notes.clone();
    notes.extend(wsdl.notes);
    Ok(Model {
        entry,
        input_sha256: loaded.input_sha256.clone(),
        inputs: loaded.inputs.clone(),
        services: wsdl.services,
        operations: wsdl.operations,
        elements: schema.elements,
        types: schema.types,
        notes,
    })
}
