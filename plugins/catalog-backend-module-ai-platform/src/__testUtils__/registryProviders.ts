import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { RegistryConfig } from '../providers/registryConfig';
import {
  RegistryEntityProvider,
  RegistryEntityProviderOptions,
} from '../providers/RegistryEntityProvider';

/**
 * A registry provider made by `create` with a mock logger and task runner, and a connection
 * that records its mutations: what it applied and logged, read back for assertions.
 */
export function providerHarness<C extends RegistryConfig>(
  create: (options: RegistryEntityProviderOptions) => RegistryEntityProvider<C>,
) {
  const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
  const logger = mockServices.logger.mock();
  const provider = create({ logger, taskRunner: { run: jest.fn() } });
  return {
    provider,
    connection,
    logger,
    /** The entities of each mutation applied so far. */
    applied: (): Entity[][] =>
      connection.applyMutation.mock.calls.map(([mutation]) =>
        mutation.entities.map((e: { entity: Entity }) => e.entity),
      ),
    logs: (level: 'info' | 'warn' | 'error') =>
      logger[level].mock.calls.map(([message]) => String(message)),
    /** Every log call, as one string, to look for what must never be logged. */
    everything: () =>
      JSON.stringify([
        logger.error.mock.calls,
        logger.warn.mock.calls,
        logger.info.mock.calls,
        logger.debug.mock.calls,
      ]),
  };
}

/** A provider of `providerHarness`, connected and refreshed once; `applied` is read after. */
export async function refreshedOnce<C extends RegistryConfig>(
  create: (options: RegistryEntityProviderOptions) => RegistryEntityProvider<C>,
) {
  const harness = providerHarness(create);
  await harness.provider.connect(harness.connection);
  await harness.provider.refresh();
  return { ...harness, applied: harness.applied() };
}

/**
 * Refreshes the provider of `harness` while its registry answers (one mutation applied), then
 * again after `breakRegistry`; the caller checks what the second run did.
 */
export async function refreshedThenBroken<
  H extends ReturnType<typeof providerHarness>,
>(harness: H, breakRegistry: () => void): Promise<H> {
  const { provider, connection } = harness;
  await provider.connect(connection);
  await provider.refresh();
  expect(connection.applyMutation).toHaveBeenCalledTimes(1);
  breakRegistry();
  await provider.refresh();
  return harness;
}
