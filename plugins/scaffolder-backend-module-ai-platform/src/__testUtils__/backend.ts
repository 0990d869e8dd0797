import { mockServices } from '@backstage/backend-test-utils';
import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { HttpResponse } from 'msw';
import yaml from 'yaml';
import { AiPlatformBackendClient } from '../client/AiPlatformBackendClient';

/** Where the test client finds every plugin's backend: `${TEST_API_URL}/<pluginId>`. */
export const TEST_API_URL = 'http://localhost:7007/api';

/** The backend client of the actions' tests, for msw to answer. */
export function testBackendClient() {
  return new AiPlatformBackendClient({
    discovery: mockServices.discovery.mock({
      getBaseUrl: async pluginId => `${TEST_API_URL}/${pluginId}`,
    }),
    auth: mockServices.auth(),
  });
}

/** The input of the first step of an action's first documented example. */
export function exampleInput(examples: TemplateExample[]) {
  return yaml.parse(examples[0].example).steps[0].input;
}

/** An error answer of a Backstage backend, as msw gives it: the error's message and the status. */
export function errorAnswer(status: number, message?: string) {
  return HttpResponse.json(
    { error: { name: 'Error', message }, response: { statusCode: status } },
    { status },
  );
}
