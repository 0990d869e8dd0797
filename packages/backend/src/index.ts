import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Auth: guest sign-in for local use (see app-config.yaml).
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// Catalog, with the AI Platform's entity validation. Entities it rejects are listed, with the
// error naming the field, on the "Unprocessed entities" page.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));
backend.add(import('@ai-platform/plugin-catalog-backend-module-ai-platform'));

// Scaffolder, with the AI Platform's golden-path actions.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(
  import('@ai-platform/plugin-scaffolder-backend-module-ai-platform'),
);

// The AI Platform backend.
backend.add(import('@ai-platform/plugin-ai-platform-backend'));

// MCP: serves the actions of the plugins in backend.actions.pluginSources to AI agents at
// /api/mcp-actions/v1, as the signed-in user (see the README's "AI agents (MCP)").
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Permissions: the suite's policy (approvers, finance, IS_TEAM_MEMBER; see the plugin's README).
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('@ai-platform/plugin-ai-platform-backend/policy'));

// Search over the catalog and TechDocs.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));
backend.add(import('@backstage/plugin-techdocs-backend'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.start();
