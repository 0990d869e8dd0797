import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import MemoryIcon from '@mui/icons-material/Memory';
import { aiPlatformApiRef, AiPlatformClient } from './api';
import { rootRouteRef } from './routes';

const aiPlatformApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: aiPlatformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new AiPlatformClient(deps),
    }),
});

const overviewPage = PageBlueprint.make({
  params: {
    path: '/ai-platform',
    title: 'AI Platform',
    icon: <MemoryIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    noHeader: true,
    loader: () =>
      import('./components/OverviewPage').then(m => <m.OverviewPage />),
  },
});

const teamAiResourcesCard = EntityCardBlueprint.make({
  name: 'team-ai-resources',
  params: {
    filter: 'kind:group',
    loader: () =>
      import('./components/TeamAiResourcesCard').then(m => (
        <m.TeamAiResourcesCard />
      )),
  },
});

/**
 * The AI Platform frontend plugin, for apps on the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'ai-platform',
  title: 'AI Platform',
  icon: <MemoryIcon fontSize="inherit" />,
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
  extensions: [aiPlatformApi, overviewPage, teamAiResourcesCard],
});
