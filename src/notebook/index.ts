// The only code in losslab that knows Jupyter exists: figures and tensors in a notebook, and how tensors and
// LossInputErrors print in Node. Node's and tslab's modules load when a function here is called, never at import.
export { show, figureBundle, PLOTLY_MIME_TYPE, type ShowOptions } from "./show";
export { display, tensorBundle } from "./display";
export { describeTensor, tensorHtml } from "./tensors";
export { installNodeInspection } from "./inspection";
export { PLOTLY_EMBED_ATTRIBUTE } from "./plotlyLibrary";
