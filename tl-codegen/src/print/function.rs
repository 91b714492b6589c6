//! The struct of a function (in `functions`): the request, with its impls and its return and
//! error types through `RemoteCall`.

use super::body::Params;
use super::constructor::identifiable;
use super::printer::{hex, Printer, INLINE};
use super::writer::{ident, Writer};
use crate::model::Ty;

impl Printer<'_> {
    /// The struct of function `f`, with its impls.
    pub fn function(&self, w: &mut Writer, f: usize) {
        let item = &self.model.functions[f];
        let fplan = &self.plan.functions[f];
        let plan = &fplan.strukt;
        let name = ident(&plan.path.name);
        let id = hex(item.id);
        let rt = &self.rt;
        let bounded = |bound: &str| -> String {
            if item.type_params.is_empty() {
                String::new()
            } else {
                let params: Vec<String> = item
                    .type_params
                    .iter()
                    .map(|x| format!("{x}{bound}"))
                    .collect();
                format!("<{}>", params.join(", "))
            }
        };
        let decl = bounded("");
        let ty = format!("{name}{decl}");

        let error = match &item.result {
            Ty::Generic(x) => format!("{x}::Error"),
            _ => match &fplan.error_enum {
                Some(path) => path.doc_path(),
                None => format!("{rt}::rpc_error::GenericError"),
            },
        };
        let error_doc = match (&item.result, &fplan.error_enum) {
            (Ty::Generic(x), _) => format!("{x}::Error"),
            (_, Some(path)) => path.doc_path(),
            (_, None) => format!("{}::rpc_error::GenericError", self.rt_doc),
        };
        let doc = self.docs.function_doc(
            item,
            &self.doc_type(&item.result),
            &error_doc,
            &fplan.documented_errors,
        );
        self.struct_decl(w, item, plan, &doc, &format!("pub struct {ty}"));
        self.open_inherent_impl(w, item, plan, &format!("impl{decl} {ty}"));
        w.close("}");

        w.blank();
        identifiable(w, &decl, &ty, item);

        if self.plan.tdlib_json {
            self.json_function(w, f, &ty);
            return;
        }
        let params = Params::new(item, plan);
        w.blank();
        w.open_impl(&format!("impl{} Serialize", bounded(": Serialize")), &ty);
        w.open("fn serialize<B: BufMut>(&self, out: &mut B) {");
        w.line_fmt(format_args!("out.put_u32_le({id});"));
        self.writes(w, &params, plan);
        w.close("}");
        w.close("}");

        w.blank();
        w.open_impl(
            &format!("impl{} Deserialize", bounded(": Deserialize")),
            &ty,
        );
        w.line(INLINE);
        w.open("fn deserialize(reader: &mut Reader) -> Result<Self, DeserializeError> {");
        w.line_fmt(format_args!("reader.expect_id::<Self>({id})?;"));
        self.reads(w, &params, plan);
        self.construct(w, plan);
        w.close("}");
        w.close("}");

        w.blank();
        w.open_impl(&format!("impl{} RemoteCall", bounded(": RemoteCall")), &ty);
        w.assign("type Return =", &self.return_ty(item), ";");
        w.assign("type Error =", &error, ";");
        w.close("}");

        // Who may call it: every function but those the docs say the audience cannot call.
        let (users, bots) = self.docs.audience(item);
        for (allowed, marker) in [(users, "UserMethod"), (bots, "BotMethod")] {
            if allowed == Some(false) {
                continue;
            }
            let marker = format!("{rt}::wire::{marker}");
            let head = format!("impl{} {marker}", bounded(&format!(": {marker}")));
            w.blank();
            w.empty_impl(&head, &ty);
        }
    }
}
