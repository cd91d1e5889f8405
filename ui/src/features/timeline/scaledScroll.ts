/**
 * Browsers cap an element's height near 16.7 M CSS px (Chrome ~33.5 M layout units, Firefox
 * ~17.9 M). Past MAX_DOM_HEIGHT the scroll spacer keeps that height and the scroll position
 * maps linearly onto the virtual layout, so the last (oldest) row stays reachable.
 */
export const MAX_DOM_HEIGHT = 15_000_000;

export interface ScrollScale {
  /** Height of the scroll spacer in the DOM. */
  domHeight: number;
  virtualHeight: number;
  /** Virtual px per DOM px (1 when the layout fits). */
  factor: number;
  toVirtual(scrollTop: number): number;
  toDom(virtualTop: number): number;
}

export function createScrollScale(
  virtualHeight: number,
  viewportHeight: number,
  maxDomHeight = MAX_DOM_HEIGHT,
): ScrollScale {
  const height = Math.max(0, virtualHeight);
  if (height <= maxDomHeight) {
    return {
      domHeight: height,
      virtualHeight: height,
      factor: 1,
      toVirtual: (scrollTop) => scrollTop,
      toDom: (virtualTop) => virtualTop,
    };
  }
  const viewport = Math.min(Math.max(0, viewportHeight), maxDomHeight / 2);
  const factor = (height - viewport) / (maxDomHeight - viewport);
  const clampDom = (top: number) => Math.min(Math.max(top, 0), maxDomHeight - viewport);
  const clampVirtual = (top: number) => Math.min(Math.max(top, 0), height - viewport);
  return {
    domHeight: maxDomHeight,
    virtualHeight: height,
    factor,
    toVirtual: (scrollTop) => clampDom(scrollTop) * factor,
    toDom: (virtualTop) => clampVirtual(virtualTop) / factor,
  };
}
