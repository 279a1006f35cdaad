/**
 * The slice of plotly.js's figure format that losslab's builders produce. A figure is plain
 * JSON-ready data: `Plotly.newPlot(div, figure.data, figure.layout)` draws it.
 * Plotly 3 wants titles as objects ({ text }), never bare strings.
 */

/** A title as plotly.js 3 takes it. */
export interface Title {
  text: string;
}

/** One drawn series. Builders set the fields below; plotly accepts many more. */
export interface Trace {
  type: "scatter" | "bar" | "heatmap" | "contour" | "surface";
  name?: string;
  x?: readonly (number | string)[];
  y?: readonly (number | string)[];
  z?: readonly (readonly number[])[];
  mode?: "lines" | "markers" | "lines+markers";
  visible?: boolean;
  showlegend?: boolean;
  /** Which axes draw it, for subplots: "x2", "y2", ... */
  xaxis?: string;
  yaxis?: string;
  [attribute: string]: unknown;
}

export interface Axis {
  title?: Title;
  /** Places the axis in a subplot grid: [start, end] as fractions of the figure. */
  domain?: [number, number];
  anchor?: string;
  side?: "left" | "right";
  overlaying?: string;
  matches?: string;
  [attribute: string]: unknown;
}

/** A slider step: the label shown, and the plotly call it makes. */
export interface SliderStep {
  label: string;
  method: "restyle" | "relayout" | "update" | "animate";
  args: unknown[];
}

export interface Slider {
  active: number;
  currentvalue?: { prefix?: string; [attribute: string]: unknown };
  steps: SliderStep[];
  [attribute: string]: unknown;
}

export interface Layout {
  title?: Title;
  xaxis?: Axis;
  yaxis?: Axis;
  sliders?: Slider[];
  /** Further axes of subplots: xaxis2, yaxis2, ... */
  [attribute: string]: unknown;
}

/** An animation frame, for figures that animate rather than restyle. */
export interface Frame {
  name: string;
  data: Trace[];
  layout?: Layout;
}

export interface Figure {
  data: Trace[];
  layout: Layout;
  frames?: Frame[];
}
