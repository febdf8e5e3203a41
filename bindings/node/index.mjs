// The ES module entry: the same objects as the CommonJS one (index.js).
import jsbox from "./index.js";

export const { Engine, JsboxError, asyncHelper, syncHelper, later } = jsbox;
export default jsbox;
