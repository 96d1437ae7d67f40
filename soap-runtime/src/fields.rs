//! One call per field: what generated readers and writers call for each element of a
//! type, by kind of value (`simple` text, `complex` struct, `any` raw XML, `group`,
//! `list` wrapper) and occurrence (`_opt` for `Option`, `_many` for `Vec`, `_nil` for a
//! required nillable `Option` written as `xsi:nil`). Generated code names the field and
//! the wire name; everything else happens here, the way `prost::encoding` serves prost.

use crate::error::{DecodeError, EncodeError};
use crate::raw::RawXml;
use crate::reader::{StartTag, XmlReader};
use crate::value::SimpleValue;
use crate::writer::XmlWriter;
use crate::{ComplexValue, GroupValue};

impl<'a> XmlReader<'a> {
    /// Reads a simple element into a required field (nil or empty: left as it is).
    #[inline]
    pub fn simple<T: SimpleValue>(
        &mut self,
        tag: &StartTag<'a>,
        out: &mut T,
    ) -> Result<(), DecodeError> {
        if let Some(v) = self.simple_value(tag)? {
            *out = v;
        }
        Ok(())
    }

    /// Reads a simple element into an optional field.
    #[inline]
    pub fn simple_opt<T: SimpleValue>(
        &mut self,
        tag: &StartTag<'a>,
        out: &mut Option<T>,
    ) -> Result<(), DecodeError> {
        *out = self.simple_value(tag)?;
        Ok(())
    }

    /// Reads one occurrence of a repeated simple element (nil ones are left out).
    #[inline]
    pub fn simple_many<T: SimpleValue>(
        &mut self,
        tag: &StartTag<'a>,
        out: &mut Vec<T>,
    ) -> Result<(), DecodeError> {
        out.extend(self.simple_value(tag)?);
        Ok(())
    }

    #[inline]
    fn simple_value<T: SimpleValue>(
        &mut self,
        tag: &StartTag<'a>,
    ) -> Result<Option<T>, DecodeError> {
        let nil = tag.has_attributes() && self.check_attributes_and_nil(tag, &[])?;
        self.read_value_nil_known(tag, T::SECRET, nil)
    }

    /// Reads a complex element into a required field (nil: left as it is).
    #[inline]
    pub fn complex<T: ComplexValue>(
        &mut self,
        tag: &StartTag<'a>,
        out: &mut T,
    ) -> Result<(), DecodeError> {
        if let Some(v) = self.read_complex(tag)? {
            *out = v;
        }
        Ok(())
    }

    /// Reads a complex element into an optional field.
    #[inline]
    pub fn complex_opt<T: ComplexValue>(
        &mut self,
        tag: &StartTag<'a>,
        out: &mut Option<T>,
    ) -> Result<(), DecodeError> {
        *out = self.read_complex(tag)?;
        Ok(())
    }

    /// Reads one occurrence of a repeated complex element (nil ones are left out).
    #[inline]
    pub fn complex_many<T: ComplexValue>(
        &mut self,
        tag: &StartTag<'a>,
        out: &mut Vec<T>,
    ) -> Result<(), DecodeError> {
        out.extend(self.read_complex(tag)?);
        Ok(())
    }

    /// Reads the text of a simple-content struct's own element (its attributes are the
    /// struct's, read by [`read_attributes`](Self::read_attributes)).
    pub fn simple_content<T: SimpleValue>(
        &mut self,
        start: &StartTag<'a>,
        out: &mut T,
    ) -> Result<(), DecodeError> {
        if let Some(v) = self.read_value_as(start, T::SECRET)? {
            *out = v;
        }
        Ok(())
    }

    /// Keeps an element verbatim (`xs:any`, `xs:anyType`) in a required field.
    pub fn any(&mut self, tag: &StartTag<'a>, out: &mut RawXml) -> Result<(), DecodeError> {
        *out = self.read_raw(tag)?;
        Ok(())
    }

    /// Keeps an element verbatim in an optional field.
    pub fn any_opt(
        &mut self,
        tag: &StartTag<'a>,
        out: &mut Option<RawXml>,
    ) -> Result<(), DecodeError> {
        *out = Some(self.read_raw(tag)?);
        Ok(())
    }

    /// Keeps one more element verbatim.
    pub fn any_many(
        &mut self,
        tag: &StartTag<'a>,
        out: &mut Vec<RawXml>,
    ) -> Result<(), DecodeError> {
        out.push(self.read_raw(tag)?);
        Ok(())
    }

    /// Reads a list wrapper (`<Errors><Error/>...</Errors>`) into `out`: each child named
    /// `item` with `read_item` (one of the `_many` readers); any other child is a
    /// deviation. An empty or nil wrapper leaves `out` empty.
    pub fn list<T>(
        &mut self,
        tag: &StartTag<'a>,
        item: &str,
        out: &mut Vec<T>,
        mut read_item: impl FnMut(&mut Self, &StartTag<'a>, &mut Vec<T>) -> Result<(), DecodeError>,
    ) -> Result<(), DecodeError> {
        if tag.has_attributes() {
            self.check_attributes(tag, &[])?;
        }
        if tag.is_empty() {
            return Ok(());
        }
        while let Some(child) = self.next_child()? {
            if child.local_name() == item {
                read_item(self, &child, out)?;
            } else {
                self.unknown_element(&child)?;
            }
        }
        Ok(())
    }

    /// Reads a nested group starting at `tag` into a required field.
    pub fn group<G: GroupValue>(
        &mut self,
        tag: &StartTag<'a>,
        out: &mut G,
    ) -> Result<(), DecodeError> {
        if let Some(v) = self.group_value(tag)? {
            *out = v;
        }
        Ok(())
    }

    /// Reads a nested group starting at `tag` into an optional field.
    pub fn group_opt<G: GroupValue>(
        &mut self,
        tag: &StartTag<'a>,
        out: &mut Option<G>,
    ) -> Result<(), DecodeError> {
        if let Some(v) = self.group_value(tag)? {
            *out = Some(v);
        }
        Ok(())
    }

    /// Reads one more occurrence of a repeated nested group starting at `tag`.
    pub fn group_many<G: GroupValue>(
        &mut self,
        tag: &StartTag<'a>,
        out: &mut Vec<G>,
    ) -> Result<(), DecodeError> {
        out.extend(self.group_value(tag)?);
        Ok(())
    }

    fn group_value<G: GroupValue>(&mut self, tag: &StartTag<'a>) -> Result<Option<G>, DecodeError> {
        self.push_back(tag.clone());
        let value = G::read_group(self)?;
        if value.is_none() {
            // The group did not take the child that starts it: not ours either.
            if let Some(child) = self.next_child()? {
                self.unknown_element(&child)?;
            }
        }
        Ok(value)
    }
}

impl XmlWriter {
    /// `<local>value</local>`.
    #[inline]
    pub fn simple<T: SimpleValue>(
        &mut self,
        namespace: Option<&str>,
        local: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.start(namespace, local);
        value.write_text(self)?;
        self.end()
    }

    /// An optional simple element: nothing for `None`.
    #[inline]
    pub fn simple_opt<T: SimpleValue>(
        &mut self,
        namespace: Option<&str>,
        local: &'static str,
        value: &Option<T>,
    ) -> Result<(), EncodeError> {
        match value {
            Some(v) => self.simple(namespace, local, v),
            None => Ok(()),
        }
    }

    /// A required nillable simple element: `xsi:nil="true"` for `None`.
    pub fn simple_nil<T: SimpleValue>(
        &mut self,
        namespace: Option<&str>,
        local: &'static str,
        value: &Option<T>,
    ) -> Result<(), EncodeError> {
        match value {
            Some(v) => self.simple(namespace, local, v),
            None => self.nil_element(namespace, local),
        }
    }

    /// A repeated simple element: one per value.
    pub fn simple_many<T: SimpleValue>(
        &mut self,
        namespace: Option<&str>,
        local: &'static str,
        values: &[T],
    ) -> Result<(), EncodeError> {
        values
            .iter()
            .try_for_each(|v| self.simple(namespace, local, v))
    }

    /// `<local>` + the value's attributes and children + `</local>`.
    #[inline]
    pub fn complex<T: ComplexValue>(
        &mut self,
        namespace: Option<&str>,
        local: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.start(namespace, local);
        value.write_content(self)?;
        self.end()
    }

    /// An optional complex element: nothing for `None`.
    #[inline]
    pub fn complex_opt<T: ComplexValue>(
        &mut self,
        namespace: Option<&str>,
        local: &'static str,
        value: &Option<T>,
    ) -> Result<(), EncodeError> {
        match value {
            Some(v) => self.complex(namespace, local, v),
            None => Ok(()),
        }
    }

    /// A required nillable complex element: `xsi:nil="true"` for `None`.
    pub fn complex_nil<T: ComplexValue>(
        &mut self,
        namespace: Option<&str>,
        local: &'static str,
        value: &Option<T>,
    ) -> Result<(), EncodeError> {
        match value {
            Some(v) => self.complex(namespace, local, v),
            None => self.nil_element(namespace, local),
        }
    }

    /// A repeated complex element: one per value.
    pub fn complex_many<T: ComplexValue>(
        &mut self,
        namespace: Option<&str>,
        local: &'static str,
        values: &[T],
    ) -> Result<(), EncodeError> {
        values
            .iter()
            .try_for_each(|v| self.complex(namespace, local, v))
    }

    /// An element kept verbatim.
    pub fn any(&mut self, value: &RawXml) -> Result<(), EncodeError> {
        self.raw(value.as_str());
        Ok(())
    }

    /// An optional element kept verbatim.
    pub fn any_opt(&mut self, value: &Option<RawXml>) -> Result<(), EncodeError> {
        if let Some(v) = value {
            self.raw(v.as_str());
        }
        Ok(())
    }

    /// A required nillable element kept verbatim: `xsi:nil="true"` for `None`.
    pub fn any_nil(
        &mut self,
        namespace: Option<&str>,
        local: &'static str,
        value: &Option<RawXml>,
    ) -> Result<(), EncodeError> {
        match value {
            Some(v) => self.any(v),
            None => self.nil_element(namespace, local),
        }
    }

    /// Elements kept verbatim.
    pub fn any_many(&mut self, values: &[RawXml]) -> Result<(), EncodeError> {
        for v in values {
            self.raw(v.as_str());
        }
        Ok(())
    }

    /// A list wrapper `<local>` with one item per value, written by `write_item`; an
    /// empty list is left out unless `always` (a required wrapper).
    pub fn list<T>(
        &mut self,
        namespace: Option<&str>,
        local: &'static str,
        values: &[T],
        always: bool,
        mut write_item: impl FnMut(&mut Self, &T) -> Result<(), EncodeError>,
    ) -> Result<(), EncodeError> {
        if values.is_empty() && !always {
            return Ok(());
        }
        self.start(namespace, local);
        for v in values {
            write_item(self, v)?;
        }
        self.end()
    }

    /// An attribute on the element just opened.
    pub fn attr<T: SimpleValue>(
        &mut self,
        namespace: Option<&str>,
        local: &str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.attribute(namespace, local, &value.to_text())
    }

    /// An optional attribute: nothing for `None`.
    pub fn attr_opt<T: SimpleValue>(
        &mut self,
        namespace: Option<&str>,
        local: &str,
        value: &Option<T>,
    ) -> Result<(), EncodeError> {
        match value {
            Some(v) => self.attr(namespace, local, v),
            None => Ok(()),
        }
    }

    /// Attributes kept as they were read (`xs:anyAttribute`).
    pub fn attr_any(&mut self, attributes: &[crate::RawAttribute]) -> Result<(), EncodeError> {
        for a in attributes {
            self.attribute(a.namespace.as_deref(), &a.name, &a.value)?;
        }
        Ok(())
    }

    /// A nested group's elements.
    pub fn group<G: GroupValue>(&mut self, value: &G) -> Result<(), EncodeError> {
        value.write_group(self)
    }

    /// An optional nested group's elements.
    pub fn group_opt<G: GroupValue>(&mut self, value: &Option<G>) -> Result<(), EncodeError> {
        match value {
            Some(v) => v.write_group(self),
            None => Ok(()),
        }
    }

    /// A repeated nested group's elements.
    pub fn group_many<G: GroupValue>(&mut self, values: &[G]) -> Result<(), EncodeError> {
        values.iter().try_for_each(|v| v.write_group(self))
    }
}
