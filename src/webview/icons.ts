import { ICONS, type IconName, type IconShape } from './iconData';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A decorative codicon as inline SVG; the button that holds it carries the accessible name. */
export function icon(doc: Document, name: IconName): SVGSVGElement {
  const shape: IconShape = ICONS[name];
  const svg = doc.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  svg.setAttribute('viewBox', shape.viewBox);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'icon');
  for (const path of shape.paths) {
    const node = doc.createElementNS(SVG_NS, 'path');
    node.setAttribute('d', path.d);
    if (path.evenOdd) node.setAttribute('fill-rule', 'evenodd');
    svg.append(node);
  }
  return svg;
}

export type { IconName };
