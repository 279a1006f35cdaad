// plotly figure builders (pure: data in, spec out) and show(), which puts a figure in a notebook.
export * from "./figure";
export * from "./builders";
export * from "./show";
export * from "./panels";
