// plotly figure builders (pure: data in, spec out) and the HTML that draws a figure in a page.
export * from "./figure";
export * from "./builders";
export { figureHtml, type FigureHtmlOptions } from "./html";
export * from "./panels";
