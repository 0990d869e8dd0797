/**
 * The browser side of `yarn bench:fabric`'s render measurement: the Network fabric page's own
 * topology, as its Topology card draws it on first load (layoutFabric, fabricElements with every
 * group collapsed, the theme's palette, FabricTopology on a Cytoscape canvas 600 px high), from
 * the FabricGraph in the page's `#graph` script. Only a MUI ThemeProvider around it, no
 * Backstage app.
 *
 * Sets window.__drawnAt when Cytoscape has drawn its first frame with the elements and the next
 * animation frame has come, and window.__renderedAt when a click on the canvas has reached the
 * page's handler (the bench clicks once __drawnAt is set), both in ms from navigation start.
 */
import type { Core } from 'cytoscape';
import type { FabricGraph } from '@ai-platform/plugin-ai-platform-common';
import { ThemeProvider, createTheme } from '@mui/material/styles';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import { FabricTopology } from '../../../plugins/ai-platform/src/components/NetworkFabricPage/FabricTopology';
import { useTopologyPalette } from '../../../plugins/ai-platform/src/components/NetworkFabricPage/health';
import {
  fabricElements,
  layoutFabric,
} from '../../../plugins/ai-platform/src/components/NetworkFabricPage/topology';

declare global {
  interface Window {
    __drawnAt?: number;
    __renderedAt?: number;
    __elements?: number;
  }
}

const graph: FabricGraph = JSON.parse(
  document.getElementById('graph')!.textContent!,
);
const NOTHING_EXPANDED: ReadonlySet<string> = new Set();

function Bench() {
  const palette = useTopologyPalette();
  // As the page's Topology card: layout once per graph, then the collapsed elements.
  const layout = useMemo(() => layoutFabric(graph), []);
  const { elements } = useMemo(
    () => fabricElements(graph, layout, NOTHING_EXPANDED),
    [layout],
  );
  const host = useRef<HTMLDivElement>(null);
  const onInput = useCallback(() => {
    window.__renderedAt ??= performance.now();
  }, []);

  // Runs after FabricTopology's effects (children first): its canvas exists and holds the
  // elements, and Cytoscape has not drawn yet (it draws on its next animation frame).
  useEffect(() => {
    const container = host.current!.firstElementChild as HTMLElement & {
      _cyreg?: { cy: Core };
    };
    const cy = container._cyreg!.cy;
    window.__elements = cy.elements().length;
    const drawn = () => {
      if (!cy.elements().length) return;
      cy.off('render', drawn);
      requestAnimationFrame(() => {
        window.__drawnAt = performance.now();
      });
    };
    cy.on('render', drawn);
  }, []);

  return (
    <div ref={host} style={{ width: 1200, height: 600 }}>
      <FabricTopology
        elements={elements}
        palette={palette}
        fitKey="bench"
        onSelect={onInput}
        onClear={onInput}
      />
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <ThemeProvider theme={createTheme()}>
    <Bench />
  </ThemeProvider>,
);
