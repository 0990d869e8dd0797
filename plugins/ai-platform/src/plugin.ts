import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { aiPlatformApiRef, AiPlatformClient } from './api';
import { rootRouteRef } from './routes';

/**
 * The AI Platform frontend plugin, for apps on the legacy frontend system.
 *
 * @public
 */
export const aiPlatformPlugin = createPlugin({
  id: 'ai-platform',
  apis: [
    createApiFactory({
      api: aiPlatformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new AiPlatformClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
});

/** @public */
export const AiPlatformPage = aiPlatformPlugin.provide(
  createRoutableExtension({
    name: 'AiPlatformPage',
    component: () =>
      import('./components/OverviewPage').then(m => m.OverviewPage),
    mountPoint: rootRouteRef,
  }),
);

/** @public */
export const EntityTeamAiResourcesCard = aiPlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamAiResourcesCard',
    component: {
      lazy: () =>
        import('./components/TeamAiResourcesCard').then(
          m => m.TeamAiResourcesCard,
        ),
    },
  }),
);
