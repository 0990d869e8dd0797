import type { StylesheetJson } from 'cytoscape';
import { FabricHealth } from '@ai-platform/plugin-ai-platform-common';

/** The theme's colours the canvas draws with; Cytoscape cannot read CSS variables. */
export interface TopologyPalette {
  health: Record<FabricHealth, string>;
  text: string;
  selected: string;
  domain: string;
}

/** Labels of single nodes and bundle counts appear only once zoomed in enough to read them. */
export function topologyStyle(palette: TopologyPalette): StylesheetJson {
  const byHealth = (Object.keys(palette.health) as FabricHealth[]).flatMap(
    health => [
      {
        selector: `node[health = "${health}"]`,
        style: {
          'background-color': palette.health[health],
          'border-color': palette.health[health],
        },
      },
      {
        selector: `edge[health = "${health}"]`,
        style: { 'line-color': palette.health[health] },
      },
    ],
  );
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        color: palette.text,
        'font-size': 10,
        'min-zoomed-font-size': 8,
        'text-valign': 'bottom',
        'text-margin-y': 3,
      },
    },
    {
      selector: 'node[kind = "switch"]',
      style: {
        shape: 'round-rectangle',
        width: 56,
        height: 22,
        'font-size': 14,
      },
    },
    {
      selector: 'node[kind = "node"]',
      style: {
        'z-index': 1,
        width: 16,
        height: 16,
        'font-size': 8,
        'min-zoomed-font-size': 10,
      },
    },
    {
      selector: 'node[kind = "group"]',
      style: {
        shape: 'round-rectangle',
        width: 80,
        height: 36,
        'background-opacity': 0.25,
        'border-width': 2,
        'text-valign': 'center',
        'text-wrap': 'wrap',
        'text-margin-y': 0,
        'font-size': 12,
      },
    },
    {
      // Drawn first, and transparent to clicks, so its nodes stay on top and clickable.
      selector: 'node[kind = "domain"]',
      style: {
        shape: 'round-rectangle',
        width: 'data(width)',
        height: 'data(height)',
        'background-color': palette.domain,
        'background-opacity': 0.08,
        'border-color': palette.domain,
        'border-width': 1,
        'border-style': 'dashed',
        'text-valign': 'top',
        'text-margin-y': -3,
        'font-size': 8,
        'min-zoomed-font-size': 10,
        'z-index': 0,
        events: 'no',
      },
    },
    {
      selector: 'edge',
      style: {
        'curve-style': 'haystack',
        'haystack-radius': 0,
        width: 'data(width)',
        // Healthy links recede, so the few unhealthy ones among thousands stand out.
        opacity: 0.45,
      },
    },
    {
      selector: 'edge[kind = "bundle"]',
      style: {
        label: 'data(label)',
        color: palette.text,
        'font-size': 8,
        'min-zoomed-font-size': 10,
      },
    },
    ...byHealth,
    // Not only colour tells the states apart.
    {
      selector: 'edge[health = "down"], edge[health = "degraded"]',
      style: { opacity: 1, 'z-index': 10 },
    },
    { selector: 'edge[health = "down"]', style: { 'line-style': 'dashed' } },
    { selector: 'edge[health = "unknown"]', style: { 'line-style': 'dotted' } },
    {
      selector: ':selected',
      style: {
        'overlay-color': palette.selected,
        'overlay-opacity': 0.3,
        'overlay-padding': 6,
      },
    },
  ];
}
