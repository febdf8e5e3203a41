//! Python values ⇄ JSON values, directly (no JSON text in between): the
//! args going in, the result coming out. The same rules as `json.dumps` and
//! `json.loads`, with the library's nesting bound.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// Python → JSON: dicts (subclasses too) with `str`, `int`, `float`,
/// `bool` or `None` keys, lists and tuples, `str`, `int`, finite `float`,
/// `bool`, `None`; nesting up to the library's bound. Anything else is an
/// error saying what and where.
pub fn to_json(value: &Bound<'_, PyAny>) -> Result<Value, String> {
    convert(value, 0)
}

fn convert(value: &Bound<'_, PyAny>, depth: usize) -> Result<Value, String> {
    if depth > jsbox::json::MAX_DEPTH {
        return Err(format!("nested deeper than {} levels (or a cycle)", jsbox::json::MAX_DEPTH));
    }
    if value.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(s) = value.cast::<PyString>() {
        return s.to_cow().map(|s| Value::String(s.into_owned())).map_err(|e| format!("a str JSON cannot carry ({e})"));
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if value.cast::<PyInt>().is_ok() {
        if let Ok(n) = value.extract::<i64>() {
            return Ok(Value::from(n));
        }
        if let Ok(n) = value.extract::<u64>() {
            return Ok(Value::from(n));
        }
        // Like json.dumps then a JSON parser: a float, when it is one.
        let f: f64 = value.extract().map_err(|_| "an int too large for JSON".to_string())?;
        return Number::from_f64(f).map(Value::Number).ok_or_else(|| "an int too large for JSON".into());
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        let f = f.value();
        return Number::from_f64(f).map(Value::Number).ok_or_else(|| format!("{f} is not JSON"));
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        let mut map = Map::with_capacity(dict.len());
        for (key, item) in dict.iter() {
            map.insert(key_text(&key)?, convert(&item, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if let Ok(list) = value.cast::<PyList>() {
        let mut items = Vec::with_capacity(list.len());
        for item in list.iter() {
            items.push(convert(&item, depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    if let Ok(tuple) = value.cast::<PyTuple>() {
        let mut items = Vec::with_capacity(tuple.len());
        for item in tuple.iter() {
            items.push(convert(&item, depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    let name = value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "this".into());
    Err(format!("Object of type {name} is not JSON serializable"))
}

/// A dict key as `json.dumps` writes it.
fn key_text(key: &Bound<'_, PyAny>) -> Result<String, String> {
    if let Ok(s) = key.cast::<PyString>() {
        return s.to_cow().map(|s| s.into_owned()).map_err(|e| format!("a key JSON cannot carry ({e})"));
    }
    if key.is_none() {
        return Ok("null".into());
    }
    if let Ok(b) = key.cast::<PyBool>() {
        return Ok(if b.is_true() { "true" } else { "false" }.into());
    }
    if key.cast::<PyInt>().is_ok() {
        // Exactly, however large (as int.__repr__).
        let builtin = key.py().get_type::<PyInt>();
        let text = builtin.call_method1("__repr__", (key,)).and_then(|r| r.extract::<String>());
        return text.map_err(|_| "an int key JSON cannot carry".into());
    }
    if let Ok(f) = key.cast::<PyFloat>() {
        if !f.value().is_finite() {
            return Err(format!("{} is not JSON", f.value()));
        }
        let builtin = key.py().get_type::<PyFloat>();
        let text = builtin.call_method1("__repr__", (key,)).and_then(|r| r.extract::<String>());
        return text.map_err(|_| "a float key JSON cannot carry".into());
    }
    let name = key.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "this".into());
    Err(format!("keys must be str, int, float, bool or None, not {name}"))
}

/// JSON → Python: dict, list, str, int, float, bool, None.
pub fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(key, to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}
