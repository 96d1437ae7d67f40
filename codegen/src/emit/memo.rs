//! Parsing each repeated code shape once.
//!
//! syn parsing the emitted token streams was most of generation time (GasOrderService:
//! ~60% of the instructions), and most of that code is a few shapes repeated once per
//! field with other names and strings:
//! `"CommonName" => { if seen_common_name { ... } seen_common_name = true; ... }`.
//!
//! An emitter hands such pieces to [`Memo`] (a list of statements, match arms or struct
//! expression fields; an item) and puts the hole it gets back in their place
//! (`__gas_hole_N;` among statements, `__gas_hole_N => {}` among match arms,
//! `__gas_hole_N: 0,` among fields, `struct __gas_hole_N;` among items). A hole stands for
//! the whole list, so the code around it has one shape however long the list is, and
//! can be a piece itself (an `impl` with holes for its statements and arms). The piece's *shape* is its
//! tokens with every identifier (keywords aside) and string literal replaced by a
//! numbered placeholder; the key records which identifiers are the same one. The first
//! piece of a shape is parsed from those placeholder tokens, and every piece of that shape
//! is a clone of the tree with its own identifiers and strings put in. [`Memo::fill`]
//! puts the pieces into the parsed file.
//!
//! The output does not change: the tree is the one syn builds from the piece's own tokens
//! (syn's parse decisions depend on keywords, which stay in the key, and on punctuation
//! and delimiters, which are the key), and prettyplease prints the tree, not the tokens.
//! The tokens syn keeps unparsed in the tree (macro arguments, attributes other than
//! `name = literal`) are part of the key as they are, so they are never placeholders.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;

use proc_macro2::{Delimiter, Ident, Literal, Spacing, Span, TokenStream, TokenTree};
use quote::quote;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{Arm, Block, Expr, ExprMatch, ExprStruct, FieldValue, Item, Lit, Pat, Stmt, Token};

/// What a piece is, and so how it parses and which hole it leaves.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Statements (`Block::parse_within`).
    Stmts,
    /// Match arms.
    Arms,
    /// Fields of a struct expression, each followed by a comma.
    Fields,
    /// Named fields of a struct definition, each followed by a comma.
    NamedFields,
    /// Enum variants, each followed by a comma.
    Variants,
    /// Expressions (of an array expression; no commas).
    Exprs,
    /// Items.
    Item,
}

#[derive(Clone)]
enum Piece {
    Stmts(Vec<Stmt>),
    Arms(Vec<Arm>),
    Fields(Vec<FieldValue>),
    NamedFields(Vec<syn::Field>),
    Variants(Vec<syn::Variant>),
    Exprs(Vec<Expr>),
    Items(Vec<Item>),
}

impl Piece {
    fn empty(kind: Kind) -> Piece {
        match kind {
            Kind::Stmts => Piece::Stmts(Vec::new()),
            Kind::Arms => Piece::Arms(Vec::new()),
            Kind::Fields => Piece::Fields(Vec::new()),
            Kind::NamedFields => Piece::NamedFields(Vec::new()),
            Kind::Variants => Piece::Variants(Vec::new()),
            Kind::Exprs => Piece::Exprs(Vec::new()),
            Kind::Item => Piece::Items(Vec::new()),
        }
    }

    fn append(&mut self, other: Piece) {
        match (self, other) {
            (Piece::Stmts(a), Piece::Stmts(b)) => a.extend(b),
            (Piece::Arms(a), Piece::Arms(b)) => a.extend(b),
            (Piece::Fields(a), Piece::Fields(b)) => a.extend(b),
            (Piece::NamedFields(a), Piece::NamedFields(b)) => a.extend(b),
            (Piece::Variants(a), Piece::Variants(b)) => a.extend(b),
            (Piece::Exprs(a), Piece::Exprs(b)) => a.extend(b),
            (Piece::Items(a), Piece::Items(b)) => a.extend(b),
            _ => {}
        }
    }

    fn visit(&mut self, s: &mut impl VisitMut) {
        match self {
            Piece::Stmts(x) => x.iter_mut().for_each(|x| s.visit_stmt_mut(x)),
            Piece::Arms(x) => x.iter_mut().for_each(|x| s.visit_arm_mut(x)),
            Piece::Fields(x) => x.iter_mut().for_each(|x| s.visit_field_value_mut(x)),
            Piece::NamedFields(x) => x.iter_mut().for_each(|x| s.visit_field_mut(x)),
            Piece::Variants(x) => x.iter_mut().for_each(|x| s.visit_variant_mut(x)),
            Piece::Exprs(x) => x.iter_mut().for_each(|x| s.visit_expr_mut(x)),
            Piece::Items(x) => x.iter_mut().for_each(|x| s.visit_item_mut(x)),
        }
    }
}

const HOLE: &str = "__gas_hole_";
const IDENT: &str = "__gas_tpl_";
const STRING: &str = "\"__gas_tpl_";

/// A shape's tree, and which identifiers and literals in it are placeholders, in the
/// order a visitor meets them (a clone is visited in the same order, so its placeholders
/// are found by counting, without reading names).
struct Template {
    piece: Piece,
    idents: Vec<Option<usize>>,
    literals: Vec<Option<usize>>,
}

impl Template {
    fn new(mut piece: Piece) -> Template {
        let mut find = FindPlaceholders {
            idents: Vec::new(),
            literals: Vec::new(),
            buf: String::new(),
        };
        piece.visit(&mut find);
        Template {
            piece,
            idents: find.idents,
            literals: find.literals,
        }
    }
}

/// Parsed shapes and the pieces waiting for [`Memo::fill`].
#[derive(Default)]
pub(crate) struct Memo {
    inner: RefCell<Inner>,
}

#[derive(Default)]
struct Inner {
    /// Shape key → its tree with placeholders (`None`: the shape does not parse alone).
    shapes: HashMap<String, Option<Template>>,
    /// Hole number → piece.
    holes: Vec<Option<Piece>>,
}

/// One piece's tokens, taken apart.
struct Shape {
    /// The kind, then the tokens with placeholders `$N` (identifiers), `$s` (strings).
    key: String,
    /// The tokens, kept apart: most pieces' shapes are known, and the tokens are dropped
    /// without being put back together.
    tokens: Vec<Tok>,
    /// Distinct identifiers, in order of first appearance (placeholder `__gas_tpl_N`).
    idents: Vec<Ident>,
    /// String literals, in order (placeholder `"__gas_tpl_N"`).
    strings: Vec<Literal>,
}

impl Memo {
    /// Statements; the hole is one statement.
    pub fn stmts(&self, pieces: Vec<TokenStream>) -> TokenStream {
        self.seq(Kind::Stmts, pieces)
    }

    /// Match arms; the hole is one arm.
    pub fn arms(&self, pieces: Vec<TokenStream>) -> TokenStream {
        self.seq(Kind::Arms, pieces)
    }

    /// Struct expression fields, each followed by a comma; the hole is one field.
    pub fn fields(&self, pieces: Vec<TokenStream>) -> TokenStream {
        self.seq(Kind::Fields, pieces)
    }

    /// Named fields of a struct definition, each followed by a comma; the hole is one
    /// field.
    pub fn named_fields(&self, pieces: Vec<TokenStream>) -> TokenStream {
        self.seq(Kind::NamedFields, pieces)
    }

    /// Enum variants, each followed by a comma; the hole is one variant.
    pub fn variants(&self, pieces: Vec<TokenStream>) -> TokenStream {
        self.seq(Kind::Variants, pieces)
    }

    /// The elements of an array expression (`[#hole]`), one expression each.
    pub fn exprs(&self, pieces: Vec<TokenStream>) -> TokenStream {
        self.seq(Kind::Exprs, pieces)
    }

    /// Items (nothing for no tokens); the hole is an item.
    pub fn item(&self, tokens: TokenStream) -> TokenStream {
        if tokens.is_empty() {
            return tokens;
        }
        self.seq(Kind::Item, vec![tokens])
    }

    /// The pieces behind one hole. If one does not parse alone, they all stay tokens (so
    /// they parse, or syn reports them, as they would have without [`Memo`]).
    fn seq(&self, kind: Kind, pieces: Vec<TokenStream>) -> TokenStream {
        let mut run = Piece::empty(kind);
        let mut tokens = Vec::with_capacity(pieces.len());
        let mut whole = true;
        for piece in pieces {
            let (parsed, t) = self.parsed(kind, piece);
            match parsed {
                Some(p) if whole => run.append(p),
                _ => whole = false,
            }
            tokens.push(t);
        }
        if whole {
            self.hole(kind, run)
        } else {
            tokens.into_iter().map(stream).collect()
        }
    }

    fn hole(&self, kind: Kind, piece: Piece) -> TokenStream {
        let mut inner = self.inner.borrow_mut();
        let n = inner.holes.len();
        inner.holes.push(Some(piece));
        let hole = Ident::new(&format!("{HOLE}{n}"), Span::call_site());
        match kind {
            Kind::Stmts => quote!(#hole;),
            Kind::Arms => quote!(#hole => {}),
            Kind::Fields => quote!(#hole: 0,),
            Kind::NamedFields => quote!(#hole: (),),
            Kind::Variants => quote!(#hole,),
            Kind::Exprs => quote!(#hole),
            Kind::Item => quote!(struct #hole;),
        }
    }

    /// The tree of one piece (a clone of its shape's, or parsed from its tokens), and
    /// the tokens.
    fn parsed(&self, kind: Kind, tokens: TokenStream) -> (Option<Piece>, Vec<Tok>) {
        let shape = Shape::of(kind, tokens);
        // Fields and variants are each followed by a comma (the key of a trailing `,` is
        // `, `).
        if matches!(kind, Kind::Fields | Kind::NamedFields | Kind::Variants)
            && !shape.key.ends_with(", ")
        {
            return (None, shape.tokens);
        }
        let mut inner = self.inner.borrow_mut();
        if !inner.shapes.contains_key(&shape.key) {
            let parsed = parse(kind, shape.template()).map(Template::new);
            inner.shapes.insert(shape.key.clone(), parsed);
        }
        let Some(Some(template)) = inner.shapes.get(&shape.key) else {
            drop(inner);
            return (parse(kind, stream(shape.tokens.clone())), shape.tokens);
        };
        let mut piece = template.piece.clone();
        piece.visit(&mut Substitute {
            idents: &shape.idents,
            strings: &shape.strings,
            ident_plan: &template.idents,
            literal_plan: &template.literals,
            next_ident: 0,
            next_literal: 0,
        });
        drop(inner);
        (Some(piece), shape.tokens)
    }

    /// Puts the pieces into the holes of a parsed file.
    pub fn fill(&self, file: &mut syn::File) {
        let mut inner = self.inner.borrow_mut();
        if inner.holes.iter().all(Option::is_none) {
            return;
        }
        Fill {
            holes: &mut inner.holes,
        }
        .visit_file_mut(file);
    }
}

fn parse(kind: Kind, tokens: TokenStream) -> Option<Piece> {
    match kind {
        Kind::Stmts => Block::parse_within.parse2(tokens).ok().map(Piece::Stmts),
        Kind::Arms => syn::parse2::<Arm>(tokens)
            .ok()
            .map(|a| Piece::Arms(vec![a])),
        Kind::Fields => Punctuated::<FieldValue, Token![,]>::parse_terminated
            .parse2(tokens)
            .ok()
            .map(|p| Piece::Fields(p.into_iter().collect())),
        Kind::NamedFields => (|input: syn::parse::ParseStream<'_>| {
            Punctuated::<syn::Field, Token![,]>::parse_terminated_with(
                input,
                syn::Field::parse_named,
            )
        })
        .parse2(tokens)
        .ok()
        .map(|p| Piece::NamedFields(p.into_iter().collect())),
        Kind::Variants => Punctuated::<syn::Variant, Token![,]>::parse_terminated
            .parse2(tokens)
            .ok()
            .map(|p| Piece::Variants(p.into_iter().collect())),
        Kind::Exprs => syn::parse2::<Expr>(tokens)
            .ok()
            .map(|e| Piece::Exprs(vec![e])),
        Kind::Item => (|input: syn::parse::ParseStream<'_>| {
            let mut items = Vec::new();
            while !input.is_empty() {
                items.push(input.parse::<Item>()?);
            }
            Ok(items)
        })
        .parse2(tokens)
        .ok()
        .map(Piece::Items),
    }
}

/// Identifiers syn's parser tells apart by name: Rust's keywords (strict, reserved,
/// weak), `_`, and syn's `builtin`. Everything else may become a placeholder.
fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "_" | "abstract"
            | "as"
            | "async"
            | "auto"
            | "await"
            | "become"
            | "box"
            | "break"
            | "builtin"
            | "const"
            | "continue"
            | "crate"
            | "default"
            | "do"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "final"
            | "fn"
            | "for"
            | "gen"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "macro"
            | "macro_rules"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "override"
            | "priv"
            | "pub"
            | "raw"
            | "ref"
            | "return"
            | "safe"
            | "self"
            | "Self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "try"
            | "type"
            | "typeof"
            | "union"
            | "unsafe"
            | "unsized"
            | "use"
            | "virtual"
            | "where"
            | "while"
            | "yield"
    )
}

impl Shape {
    /// Takes `tokens` apart (moving them, not copying).
    fn of(kind: Kind, tokens: TokenStream) -> Shape {
        let mut shape = Shape {
            key: String::with_capacity(256),
            tokens: Vec::new(),
            idents: Vec::new(),
            strings: Vec::new(),
        };
        shape.key.push(match kind {
            Kind::Stmts => 's',
            Kind::Arms => 'a',
            Kind::Fields => 'f',
            Kind::NamedFields => 'n',
            Kind::Variants => 'v',
            Kind::Exprs => 'e',
            Kind::Item => 'i',
        });
        let mut names = Names::default();
        shape.tokens = shape.walk(tokens, false, &mut names);
        shape
    }

    /// Appends the key of `tokens` and hands them back. `verbatim`: tokens syn keeps
    /// unparsed; their identifiers and literals are keyed as they are.
    fn walk(&mut self, tokens: TokenStream, verbatim: bool, names: &mut Names) -> Vec<Tok> {
        let mut iter = tokens.into_iter().peekable();
        let mut out: Vec<Tok> = Vec::with_capacity(iter.size_hint().0);
        let mut after_ident = false;
        // The next group is a macro's arguments or an attribute.
        let mut next_verbatim = false;
        while let Some(tt) = iter.next() {
            let was_ident = after_ident;
            after_ident = false;
            match tt {
                TokenTree::Ident(id) => {
                    names.buf.clear();
                    let _ = write!(names.buf, "{id}");
                    if verbatim || is_keyword(&names.buf) {
                        self.key.push_str(&names.buf);
                    } else {
                        let n = match self.idents.iter().position(|x| *x == names.buf) {
                            Some(n) => n,
                            None => {
                                self.idents.push(id.clone());
                                self.idents.len() - 1
                            }
                        };
                        // `$` and the number as one char (no number formatting).
                        self.key.push('$');
                        match u32::try_from(n)
                            .ok()
                            .and_then(|n| char::from_u32(0x100 + n))
                        {
                            Some(c) => self.key.push(c),
                            None => {
                                let _ = write!(self.key, "{n}");
                            }
                        }
                    }
                    self.key.push(' ');
                    after_ident = true;
                    out.push(Tok::Tree(TokenTree::Ident(id)));
                }
                TokenTree::Literal(lit) => {
                    names.buf.clear();
                    let _ = write!(names.buf, "{lit}");
                    if !verbatim && is_string(&names.buf) {
                        self.strings.push(lit.clone());
                        self.key.push_str("$s ");
                    } else {
                        self.key.push_str(&names.buf);
                        self.key.push(' ');
                    }
                    out.push(Tok::Tree(TokenTree::Literal(lit)));
                }
                TokenTree::Punct(p) => {
                    let c = p.as_char();
                    if !verbatim {
                        if c == '#' {
                            next_verbatim = !matches!(iter.peek(), Some(TokenTree::Group(g)) if is_name_value(g));
                        } else if c == '!' && was_ident {
                            next_verbatim = true;
                        }
                    }
                    self.key.push(c);
                    if p.spacing() == Spacing::Joint {
                        self.key.push('~');
                    }
                    self.key.push(' ');
                    out.push(Tok::Tree(TokenTree::Punct(p)));
                }
                TokenTree::Group(g) => {
                    let (open, close) = match g.delimiter() {
                        Delimiter::Parenthesis => ('(', ')'),
                        Delimiter::Brace => ('{', '}'),
                        Delimiter::Bracket => ('[', ']'),
                        Delimiter::None => ('«', '»'),
                    };
                    self.key.push(open);
                    let (delimiter, span) = (g.delimiter(), g.span());
                    // The stream is not shared once the group is gone: moved, not copied.
                    let stream = g.stream();
                    drop(g);
                    let inner_verbatim = verbatim || next_verbatim;
                    next_verbatim = false;
                    let inner = self.walk(stream, inner_verbatim, names);
                    out.push(Tok::Group(delimiter, span, inner));
                    self.key.push(close);
                }
            }
        }
        out
    }

    /// The tokens with placeholders.
    fn template(&self) -> TokenStream {
        let names: Vec<String> = self.idents.iter().map(Ident::to_string).collect();
        let mut strings = 0;
        template_of(stream(self.tokens.clone()), false, &names, &mut strings)
    }
}

/// A token, or a group taken apart.
#[derive(Clone)]
enum Tok {
    Tree(TokenTree),
    Group(Delimiter, Span, Vec<Tok>),
}

/// The tokens put back together.
fn stream(tokens: Vec<Tok>) -> TokenStream {
    tokens
        .into_iter()
        .map(|t| match t {
            Tok::Tree(t) => t,
            Tok::Group(delimiter, span, inner) => {
                let mut g = proc_macro2::Group::new(delimiter, stream(inner));
                g.set_span(span);
                TokenTree::Group(g)
            }
        })
        .collect()
}

/// A string literal's spelling (escaped or raw).
fn is_string(repr: &str) -> bool {
    repr.starts_with('"') || repr.starts_with("r\"") || repr.starts_with("r#")
}

/// `[name = literal]`: an attribute syn parses (into `Meta::NameValue`).
fn is_name_value(g: &proc_macro2::Group) -> bool {
    if g.delimiter() != Delimiter::Bracket {
        return false;
    }
    let mut it = g.stream().into_iter();
    matches!(
        (it.next(), it.next(), it.next(), it.next()),
        (
            Some(TokenTree::Ident(_)),
            Some(TokenTree::Punct(p)),
            Some(TokenTree::Literal(_)),
            None
        ) if p.as_char() == '='
    )
}

/// A buffer for identifier and literal spellings.
#[derive(Default)]
struct Names {
    buf: String,
}

/// As [`Shape::walk`] decides: placeholders outside verbatim groups.
fn template_of(
    tokens: TokenStream,
    verbatim: bool,
    names: &[String],
    strings: &mut usize,
) -> TokenStream {
    let mut out = TokenStream::new();
    let mut iter = tokens.into_iter().peekable();
    let mut after_ident = false;
    let mut next_verbatim = false;
    while let Some(tt) = iter.next() {
        let was_ident = after_ident;
        after_ident = matches!(tt, TokenTree::Ident(_));
        let t = match tt {
            TokenTree::Ident(id) if !verbatim => {
                let name = id.to_string();
                match names.iter().position(|x| *x == name) {
                    Some(n) if !is_keyword(&name) => {
                        TokenTree::Ident(Ident::new(&format!("{IDENT}{n}"), id.span()))
                    }
                    _ => TokenTree::Ident(id),
                }
            }
            TokenTree::Literal(lit) if !verbatim && is_string(&lit.to_string()) => {
                let n = *strings;
                *strings += 1;
                TokenTree::Literal(Literal::string(&format!("{IDENT}{n}")))
            }
            TokenTree::Punct(p) => {
                if !verbatim {
                    if p.as_char() == '#' {
                        next_verbatim =
                            !matches!(iter.peek(), Some(TokenTree::Group(g)) if is_name_value(g));
                    } else if p.as_char() == '!' && was_ident {
                        next_verbatim = true;
                    }
                }
                TokenTree::Punct(p)
            }
            TokenTree::Group(g) => {
                let inner_verbatim = verbatim || next_verbatim;
                next_verbatim = false;
                let mut ng = proc_macro2::Group::new(
                    g.delimiter(),
                    template_of(g.stream(), inner_verbatim, names, strings),
                );
                ng.set_span(g.span());
                TokenTree::Group(ng)
            }
            other => other,
        };
        out.extend([t]);
    }
    out
}

/// Notes which identifiers and string literals of a template are placeholders.
struct FindPlaceholders {
    idents: Vec<Option<usize>>,
    literals: Vec<Option<usize>>,
    buf: String,
}

impl VisitMut for FindPlaceholders {
    fn visit_ident_mut(&mut self, i: &mut Ident) {
        self.buf.clear();
        let _ = write!(self.buf, "{i}");
        self.idents.push(
            self.buf
                .strip_prefix(IDENT)
                .and_then(|n| n.parse::<usize>().ok()),
        );
    }

    fn visit_lit_mut(&mut self, l: &mut Lit) {
        self.buf.clear();
        if let Lit::Str(s) = l {
            let _ = write!(self.buf, "{}", s.token());
        }
        self.literals.push(
            self.buf
                .strip_prefix(STRING)
                .and_then(|r| r.strip_suffix('"'))
                .and_then(|n| n.parse::<usize>().ok()),
        );
    }
}

/// Puts a piece's identifiers and strings in place of the placeholders.
struct Substitute<'a> {
    idents: &'a [Ident],
    strings: &'a [Literal],
    ident_plan: &'a [Option<usize>],
    literal_plan: &'a [Option<usize>],
    next_ident: usize,
    next_literal: usize,
}

impl VisitMut for Substitute<'_> {
    fn visit_ident_mut(&mut self, i: &mut Ident) {
        if let Some(Some(n)) = self.ident_plan.get(self.next_ident)
            && let Some(actual) = self.idents.get(*n)
        {
            *i = actual.clone();
        }
        self.next_ident += 1;
    }

    fn visit_lit_mut(&mut self, l: &mut Lit) {
        if let Some(Some(n)) = self.literal_plan.get(self.next_literal)
            && let Some(actual) = self.strings.get(*n)
        {
            *l = Lit::new(actual.clone());
        }
        self.next_literal += 1;
    }
}

/// Replaces the holes of a parsed file with their pieces.
struct Fill<'a> {
    holes: &'a mut Vec<Option<Piece>>,
}

impl Fill<'_> {
    fn take(&mut self, ident: &Ident) -> Option<Piece> {
        let name = ident.to_string();
        let n = name.strip_prefix(HOLE)?.parse::<usize>().ok()?;
        self.holes.get_mut(n)?.take()
    }

    fn hole_of_stmt(&mut self, s: &Stmt) -> Option<Vec<Stmt>> {
        let Stmt::Expr(Expr::Path(p), Some(_)) = s else {
            return None;
        };
        match self.take(p.path.get_ident()?)? {
            Piece::Stmts(stmts) => Some(stmts),
            _ => None,
        }
    }
}

impl VisitMut for Fill<'_> {
    fn visit_file_mut(&mut self, f: &mut syn::File) {
        let mut out = Vec::with_capacity(f.items.len());
        for item in std::mem::take(&mut f.items) {
            let piece = match &item {
                Item::Struct(s) if s.attrs.is_empty() => self.take(&s.ident),
                _ => None,
            };
            match piece {
                Some(Piece::Items(items)) => out.extend(items),
                _ => out.push(item),
            }
        }
        f.items = out;
        visit_mut::visit_file_mut(self, f);
    }

    fn visit_block_mut(&mut self, b: &mut Block) {
        let mut out = Vec::with_capacity(b.stmts.len());
        for s in std::mem::take(&mut b.stmts) {
            match self.hole_of_stmt(&s) {
                Some(stmts) => out.extend(stmts),
                None => out.push(s),
            }
        }
        b.stmts = out;
        visit_mut::visit_block_mut(self, b);
    }

    fn visit_expr_match_mut(&mut self, m: &mut ExprMatch) {
        let mut out = Vec::with_capacity(m.arms.len());
        for arm in std::mem::take(&mut m.arms) {
            let piece = match &arm.pat {
                Pat::Ident(p) => self.take(&p.ident),
                _ => None,
            };
            match piece {
                Some(Piece::Arms(arms)) => out.extend(arms),
                _ => out.push(arm),
            }
        }
        m.arms = out;
        visit_mut::visit_expr_match_mut(self, m);
    }

    fn visit_fields_named_mut(&mut self, f: &mut syn::FieldsNamed) {
        f.named = splice(std::mem::take(&mut f.named), |field| {
            match field.ident.as_ref().and_then(|id| self.take(id)) {
                Some(Piece::NamedFields(fields)) => Some(fields),
                _ => None,
            }
        });
        visit_mut::visit_fields_named_mut(self, f);
    }

    fn visit_item_enum_mut(&mut self, e: &mut syn::ItemEnum) {
        e.variants = splice(std::mem::take(&mut e.variants), |variant| {
            match self.take(&variant.ident) {
                Some(Piece::Variants(variants)) => Some(variants),
                _ => None,
            }
        });
        visit_mut::visit_item_enum_mut(self, e);
    }

    fn visit_expr_array_mut(&mut self, a: &mut syn::ExprArray) {
        let hole = match a.elems.first() {
            Some(Expr::Path(p)) if a.elems.len() == 1 => p.path.get_ident().cloned(),
            _ => None,
        };
        if let Some(Piece::Exprs(exprs)) = hole.and_then(|h| self.take(&h)) {
            let mut out = Punctuated::new();
            for e in exprs {
                if !out.is_empty() {
                    out.push_punct(<Token![,]>::default());
                }
                out.push_value(e);
            }
            a.elems = out;
        }
        visit_mut::visit_expr_array_mut(self, a);
    }

    fn visit_expr_struct_mut(&mut self, e: &mut ExprStruct) {
        e.fields = splice(std::mem::take(&mut e.fields), |field| {
            let piece = match &field.member {
                syn::Member::Named(id) => self.take(id),
                syn::Member::Unnamed(_) => None,
            };
            match piece {
                Some(Piece::Fields(fields)) => Some(fields),
                _ => None,
            }
        });
        visit_mut::visit_expr_struct_mut(self, e);
    }
}

/// A comma-separated list with each hole (an element `expand` recognises) replaced by
/// the elements it stands for, each followed by a comma; other elements keep theirs.
fn splice<T>(
    list: Punctuated<T, Token![,]>,
    mut expand: impl FnMut(&T) -> Option<Vec<T>>,
) -> Punctuated<T, Token![,]> {
    let mut out = Punctuated::new();
    for pair in list.into_pairs() {
        let (element, comma) = pair.into_tuple();
        match expand(&element) {
            Some(elements) => {
                for e in elements {
                    out.push_value(e);
                    out.push_punct(<Token![,]>::default());
                }
            }
            None => {
                out.push_value(element);
                if let Some(c) = comma {
                    out.push_punct(c);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file printed from pieces through [`Memo`] and from the same tokens inline.
    fn both(build: impl Fn(Option<&Memo>) -> TokenStream) -> (String, String) {
        let memo = Memo::default();
        let mut file: syn::File = syn::parse2(build(Some(&memo))).unwrap();
        memo.fill(&mut file);
        let inline: syn::File = syn::parse2(build(None)).unwrap();
        (prettyplease::unparse(&file), prettyplease::unparse(&inline))
    }

    fn stmts(memo: Option<&Memo>, pieces: Vec<TokenStream>) -> TokenStream {
        match memo {
            Some(m) => m.stmts(pieces),
            None => pieces.into_iter().collect(),
        }
    }

    fn arms(memo: Option<&Memo>, pieces: Vec<TokenStream>) -> TokenStream {
        match memo {
            Some(m) => m.arms(pieces),
            None => pieces.into_iter().collect(),
        }
    }

    fn fields(memo: Option<&Memo>, pieces: Vec<TokenStream>) -> TokenStream {
        match memo {
            Some(m) => m.fields(pieces),
            None => pieces.into_iter().collect(),
        }
    }

    fn item(memo: Option<&Memo>, tokens: TokenStream) -> TokenStream {
        match memo {
            Some(m) => m.item(tokens),
            None => tokens,
        }
    }

    #[test]
    fn memoized_pieces_print_as_the_tokens_do() {
        let names = ["alpha", "beta", "gamma", "r#type"];
        let (memoized, inline) = both(|memo| {
            let mut items = Vec::new();
            for (i, name) in names.iter().enumerate() {
                let f = syn::parse_str::<Ident>(&format!("read_{}", name.trim_start_matches("r#")))
                    .unwrap();
                let field: Ident = syn::parse_str(name).unwrap();
                let seen = Ident::new(&format!("seen_{i}"), Span::call_site());
                let local = format!("Local\"{name}\\");
                let doc = crate::emit::doc_literal(&format!(" Reads `{name}`."));
                let s = stmts(
                    memo,
                    vec![
                        quote!(let mut #seen = false;),
                        // Same identifier twice, a keyword, a macro with an identifier
                        // and a string in its arguments.
                        quote! {
                            if !#seen && matches!(x.#field, Some(#seen)) {
                                #seen = true;
                                println!("{}", #local);
                            }
                        },
                        quote!(let _: &'static str = #local;),
                    ],
                );
                let a = arms(
                    memo,
                    vec![
                        quote!(#local => { #seen = true; }),
                        quote!(Some(v) if v == #i => return Err(#local.into()),),
                    ],
                );
                let fl = fields(
                    memo,
                    vec![
                        quote!(#field: #seen,),
                        quote!(other: match #seen { true => 1, false => 2 },),
                    ],
                );
                items.push(item(
                    memo,
                    quote! {
                        #[doc = #doc]
                        #[derive(Clone, Debug)]
                        #[cfg_attr(feature = "serde", serde(rename = #local))]
                        fn #f<'a>(x: &'a X, y: &str) -> Result<S, E> {
                            #s
                            match y {
                                #a
                                _ => {}
                            }
                            Ok(S { #fl })
                        }
                    },
                ));
            }
            // Definitions: named fields, variants, array elements.
            let per_name = |f: &dyn Fn(&str, &Ident) -> TokenStream| -> Vec<TokenStream> {
                names
                    .iter()
                    .map(|n| f(n, &syn::parse_str::<Ident>(n).unwrap()))
                    .collect()
            };
            let named = per_name(&|n, id| {
                let doc = crate::emit::doc_literal(&format!(" The `{n}`.\n\n More."));
                quote!(#[doc = #doc] pub #id: Option<Vec<#id>>,)
            });
            let variants = per_name(&|n, id| {
                let doc = format!(" `{n}`");
                quote!(#[doc = #doc] #id(Box<#id>),)
            });
            let values = per_name(&|n, _| quote!(#n));
            let (named, variants, values, none) = match memo {
                Some(m) => (
                    m.named_fields(named),
                    m.variants(variants),
                    m.exprs(values),
                    m.exprs(Vec::new()),
                ),
                None => (
                    named.into_iter().collect(),
                    variants.into_iter().collect(),
                    quote!(#(#values),*),
                    quote!(),
                ),
            };
            items.push(item(
                memo,
                quote! {
                    pub struct Named { #named }
                    #[derive(Debug)]
                    pub enum Choice { #variants Other(String), }
                    pub const VALUES: &[&str] = &[#values];
                    pub const NONE: &[&str] = &[#none];
                },
            ));
            // A piece that does not parse alone stays tokens; fields without the final
            // comma too.
            let bad = stmts(memo, vec![quote!(let a = 1;), quote!(a+), quote!(1;)]);
            let last = fields(memo, vec![quote!(a: 1)]);
            items.push(quote! {
                fn tail() { #bad let _ = S { #last }; }
            });
            quote!(#(#items)*)
        });
        assert_eq!(memoized, inline);
        assert!(!memoized.contains("__gas_"), "{memoized}");
        assert!(memoized.contains("fn read_type"), "{memoized}");
    }
}
