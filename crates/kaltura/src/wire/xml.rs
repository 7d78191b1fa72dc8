//! XML responses turned into the JSON shape (kaltura-api-v3.md 3.2).
//!
//! An element with child elements becomes an object, unless all its children are `<item>`, in which case it
//! becomes an array; an element with only text becomes a string, and an empty element `null`. Depth and size
//! are bounded so a hostile answer cannot exhaust the stack.

use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::{Map, Value};

const MAX_DEPTH: usize = 64;

/// One element while it is being read.
struct Node {
    name: String,
    text: String,
    children: Vec<(String, Value)>,
}

impl Node {
    fn new(name: String) -> Self {
        Self {
            name,
            text: String::new(),
            children: Vec::new(),
        }
    }

    fn into_value(self) -> Value {
        if self.children.is_empty() {
            return if self.text.is_empty() {
                Value::Null
            } else {
                Value::String(self.text)
            };
        }
        if self.children.iter().all(|(name, _)| name == "item") {
            return Value::Array(self.children.into_iter().map(|(_, v)| v).collect());
        }
        let mut map = Map::new();
        for (name, value) in self.children {
            // The first occurrence wins, as the official clients read a property by name.
            map.entry(name).or_insert(value);
        }
        Value::Object(map)
    }
}

/// Parses a whole XML response and returns the content of its `<result>` element.
pub(crate) fn result_value(body: &str) -> Result<Value, String> {
    let mut reader = Reader::from_str(body);
    let mut stack: Vec<Node> = Vec::new();
    let mut root: Option<Value> = None;
    loop {
        match reader.read_event().map_err(|e| format!("xml: {e}"))? {
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err("xml nests too deeply".to_owned());
                }
                let name = start.local_name().as_ref().to_owned();
                stack.push(Node::new(name));
            }
            Event::Empty(start) => {
                let name = start.local_name().as_ref().to_owned();
                if name == "result" && stack.len() == 1 {
                    return Ok(Value::Null);
                }
                match stack.last_mut() {
                    Some(parent) => parent.children.push((name, Value::Null)),
                    None => root = Some(Value::Null),
                }
            }
            Event::Text(text) => {
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&text.xml10_content());
                }
            }
            Event::CData(data) => {
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&data);
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match &*reference {
                        "amp" => "&".to_owned(),
                        "lt" => "<".to_owned(),
                        "gt" => ">".to_owned(),
                        "quot" => "\"".to_owned(),
                        "apos" => "'".to_owned(),
                        other => return Err(format!("xml: unknown entity &{other};")),
                    },
                };
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&resolved);
                }
            }
            Event::End(_) => {
                let Some(node) = stack.pop() else {
                    return Err("xml: unbalanced end tag".to_owned());
                };
                let is_result = node.name == "result" && stack.len() == 1;
                let name = node.name.clone();
                let value = node.into_value();
                if is_result {
                    return Ok(value);
                }
                match stack.last_mut() {
                    Some(parent) => parent.children.push((name, value)),
                    None => root = Some(value),
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    match root {
        Some(_) => Err("xml has no <result> element".to_owned()),
        None => Err("xml is empty".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn objects_lists_and_nulls_take_the_json_shape() {
        let body = r#"<?xml version="1.0" encoding="utf-8"?><xml><result><objectType>KalturaMediaListResponse</objectType><objects><item><objectType>KalturaMediaEntry</objectType><id>0_a</id><name>A &amp; &lt;B&gt; &#233;</name><description></description></item></objects><totalCount>1</totalCount></result><executionTime>0.01</executionTime></xml>"#;
        let value = result_value(body).unwrap();
        assert_eq!(
            value,
            json!({"objectType": "KalturaMediaListResponse", "totalCount": "1",
                   "objects": [{"objectType": "KalturaMediaEntry", "id": "0_a", "name": "A & <B> é", "description": null}]})
        );
    }

    #[test]
    fn scalars_and_voids() {
        assert_eq!(
            result_value("<xml><result>17</result></xml>").unwrap(),
            json!("17")
        );
        assert_eq!(
            result_value("<xml><result></result></xml>").unwrap(),
            Value::Null
        );
        assert_eq!(result_value("<xml><result/></xml>").unwrap(), Value::Null);
        assert_eq!(
            result_value("<xml><other>1</other></xml>").unwrap_err(),
            "xml has no <result> element"
        );
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for body in [
            "",
            "<xml>",
            "not xml",
            "<xml><result><a></b></result></xml>",
            &"<a>".repeat(100),
        ] {
            assert!(result_value(body).is_err(), "{body}");
        }
    }
}
