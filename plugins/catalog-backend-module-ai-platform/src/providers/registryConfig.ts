import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { refFromValue } from './registryEntities';

/** One entry of a config array. */
export type ConfigEntry = ReturnType<RootConfigService['getConfig']>;

/** The keys every `aiPlatform.<tool>.registries` entry has, with their defaults. */
export interface RegistryConfig {
  id: string;
  baseUrl: string;
  token?: string;
  ownerTag: string;
  /** A full entity ref. */
  defaultOwner?: string;
  timeoutMs: number;
  maxPages: number;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/** Every 10 minutes, soon after start. */
export const REGISTRY_DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 10 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 30 },
  };

/**
 * Reads the registries listed at `key` (an empty list when it is not configured): the common
 * keys, checked, and what `readMore` reads of each entry's own keys.
 */
export function readRegistryConfigs<T extends object>(
  config: RootConfigService,
  key: string,
  readMore: (registry: ConfigEntry) => T,
): Array<RegistryConfig & T> {
  const registries = config.getOptionalConfigArray(key) ?? [];
  const ids = new Set<string>();
  return registries.map(registry => {
    const id = registry.getString('id');
    if (!/^[A-Za-z0-9][-_.A-Za-z0-9]*$/.test(id) || ids.has(id)) {
      throw new Error(
        `${key}: id ${JSON.stringify(
          id,
        )} must be unique and made of letters, digits, '-', '_' and '.'`,
      );
    }
    ids.add(id);
    const defaultOwnerValue = registry.getOptionalString('defaultOwner');
    const defaultOwner =
      defaultOwnerValue === undefined
        ? undefined
        : refFromValue(defaultOwnerValue, ['group', 'user']);
    if (defaultOwnerValue !== undefined && !defaultOwner) {
      throw new Error(
        `${key}[${id}].defaultOwner must be a group name or a group or user entity ref`,
      );
    }
    const positive = (name: string, fallback: number) => {
      const value = registry.getOptionalNumber(name) ?? fallback;
      if (!(value > 0)) {
        throw new Error(`${key}[${id}].${name} must be greater than 0`);
      }
      return value;
    };
    const schedule = registry.getOptionalConfig('schedule');
    return {
      id,
      baseUrl: registry.getString('baseUrl'),
      token: registry.getOptionalString('token'),
      ownerTag: registry.getOptionalString('ownerTag') ?? 'team',
      defaultOwner,
      timeoutMs: positive('timeoutSeconds', 30) * 1000,
      maxPages: Math.floor(positive('maxPages', 100)),
      schedule: schedule
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
        : REGISTRY_DEFAULT_SCHEDULE,
      ...readMore(registry),
    };
  });
}
