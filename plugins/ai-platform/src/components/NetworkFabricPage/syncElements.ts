import type { Core, ElementDefinition, Position } from 'cytoscape';

const samePosition = (a: Position, b: Position) => a.x === b.x && a.y === b.y;

/** Element data is flat: numbers, strings, and arrays of link ids. */
function sameData(a: Record<string, unknown>, b: Record<string, unknown>) {
  return Object.keys(b).every(key => {
    const [x, y] = [a[key], b[key]];
    return Array.isArray(x) && Array.isArray(y)
      ? x.length === y.length && x.every((v, i) => v === y[i])
      : x === y;
  });
}

/**
 * Makes the graph hold exactly `elements`, touching only what changed: opening one group of
 * thousands should not redraw the rest from scratch.
 */
export function syncElements(cy: Core, elements: ElementDefinition[]) {
  const next = new Map(elements.map(e => [e.data.id!, e]));
  cy.batch(() => {
    cy.elements().forEach(ele => {
      const def = next.get(ele.id());
      // A link keeps its id when its end's group opens, but Cytoscape cannot move its ends.
      if (
        !def ||
        (ele.isEdge() &&
          (ele.data('source') !== def.data.source ||
            ele.data('target') !== def.data.target))
      ) {
        ele.remove();
        return;
      }
      next.delete(ele.id());
      if (!sameData(ele.data(), def.data)) ele.data(def.data);
      if (def.position && !samePosition(ele.position(), def.position)) {
        ele.position(def.position);
      }
    });
    cy.add([...next.values()]);
  });
}
