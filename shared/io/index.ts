// Text exports of a document: Mermaid, draw.io XML and SVG (with the document embedded).
export { toMermaid, mermaidText } from './mermaid';
export { toDrawio } from './drawio';
export { toSvg, fromSvg, type SvgOptions } from './svg';
export {
  KIND_COLORS,
  NODE_SIZES,
  THEME_COLORS,
  edgeCaption,
  keyFigure,
  nodeLabel,
  type Theme,
} from './look';
