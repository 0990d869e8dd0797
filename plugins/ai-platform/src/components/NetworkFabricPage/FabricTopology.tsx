import cytoscape, { Core, ElementDefinition } from 'cytoscape';
import { useEffect, useRef } from 'react';
import { syncElements } from './syncElements';
import { TopologyData } from './topology';
import { TopologyPalette, topologyStyle } from './topologyStyle';

export interface FabricTopologyProps {
  elements: ElementDefinition[];
  palette: TopologyPalette;
  /** The view is fitted to the graph whenever this changes: a new graph, not an expanded group. */
  fitKey: string;
  selectedId?: string;
  onSelect: (data: TopologyData) => void;
  onClear: () => void;
}

/**
 * The topology on a Cytoscape canvas. Cytoscape owns the drawing: React hands it elements and
 * reads back clicks, so panning and zooming never re-render React.
 */
export function FabricTopology(props: FabricTopologyProps) {
  const { elements, palette, fitKey, selectedId } = props;
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core>();
  const fitted = useRef<string>();
  // The latest callbacks, so the canvas's handlers are bound once.
  const callbacks = useRef(props);
  callbacks.current = props;

  useEffect(() => {
    const instance = cytoscape({
      container: container.current,
      // Large graphs stay fluid: edges hidden and a bitmap moved while panning or zooming.
      hideEdgesOnViewport: true,
      textureOnViewport: true,
      motionBlur: false,
      pixelRatio: 1,
      boxSelectionEnabled: false,
      autoungrabify: true,
      minZoom: 0.02,
      maxZoom: 4,
    });
    instance.on('tap', 'node, edge', e =>
      callbacks.current.onSelect(e.target.data() as TopologyData),
    );
    instance.on('tap', e => {
      if (e.target === instance) callbacks.current.onClear();
    });
    cy.current = instance;
    // A new canvas (a remount) is fitted to its first elements.
    fitted.current = undefined;
    // The canvas narrows when the side panel opens: redraw at the new size, the view's centre kept.
    const element = container.current!;
    let size = { width: element.clientWidth, height: element.clientHeight };
    const observer = new ResizeObserver(() => {
      const next = { width: element.clientWidth, height: element.clientHeight };
      instance.resize();
      instance.panBy({
        x: (next.width - size.width) / 2,
        y: (next.height - size.height) / 2,
      });
      size = next;
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.destroy();
    };
  }, []);

  useEffect(() => {
    cy.current!.style(topologyStyle(palette));
  }, [palette]);

  useEffect(() => {
    const instance = cy.current!;
    syncElements(instance, elements);
    if (fitted.current !== fitKey) {
      instance.fit(undefined, 24);
      fitted.current = fitKey;
    }
  }, [elements, fitKey]);

  useEffect(() => {
    const instance = cy.current!;
    instance.batch(() => {
      instance.elements(':selected').unselect();
      if (selectedId) instance.getElementById(selectedId).select();
    });
  }, [selectedId, elements]);

  return (
    <div
      ref={container}
      role="img"
      aria-label="Fabric topology"
      style={{ width: '100%', height: '100%' }}
    />
  );
}
