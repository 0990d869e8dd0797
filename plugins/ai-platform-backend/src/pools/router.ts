import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  inventoryImportPermission,
  parseNvidiaSmiCsv,
  parseNvidiaSmiXml,
} from '@ai-platform/plugin-ai-platform-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import { DatabaseInventoryStore } from './DatabaseInventoryStore';
import { parseInput } from '../parseInput';
import { requirePermission } from '../requirePermission';
import { PoolStore } from './PoolStore';
import { poolsFromDevices } from './syncPools';

const importSchema = z.object({
  clusterRef: z
    .string()
    .regex(/^resource:[^/]+\/.+$/, 'must be a resource entity ref'),
  format: z.enum(['nvidia-smi-xml', 'nvidia-smi-csv']),
  content: z
    .string()
    .min(1, 'must be the output of nvidia-smi')
    .max(5_000_000, 'must be at most 5 MB'),
});

export function createPoolsRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  store: PoolStore;
  inventory: DatabaseInventoryStore;
}) {
  const { httpAuth, permissions, store, inventory } = options;
  const router = Router();

  router.get('/pools', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: await store.listPools() });
  });

  router.get('/inventory', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: await inventory.listDevices() });
  });

  /**
   * Imports a cluster's GPUs from `nvidia-smi -q -x` or `--query-gpu … --format=csv` output,
   * replacing what was imported for it before. Its pools follow at the next pool sync.
   */
  router.post('/inventory', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await requirePermission(
      permissions,
      credentials,
      inventoryImportPermission,
    );
    const input = parseInput(importSchema, req.body);
    const { clusterRef, format, content } = input;
    if (!(await store.listPools()).some(p => p.clusterRef === clusterRef)) {
      throw new InputError(`clusterRef: there is no GPU cluster ${clusterRef}`);
    }
    let devices;
    try {
      devices =
        format === 'nvidia-smi-xml'
          ? parseNvidiaSmiXml(content)
          : parseNvidiaSmiCsv(content);
    } catch (error) {
      throw new InputError(`content: ${(error as Error).message}`);
    }
    const at = new Date();
    await inventory.replaceCluster(clusterRef, devices, at);
    res.status(201).json({
      devices,
      pools: poolsFromDevices(
        devices.map(d => ({ ...d, clusterRef, importedAt: at.toISOString() })),
        at,
      ),
    });
  });

  return router;
}
