import { aiSpecSchemas } from './schemas';

const fabric = aiSpecSchemas['network-fabric'];
const cluster = aiSpecSchemas['gpu-cluster'];
const issues = (result: { success: boolean; error?: { issues: any[] } }) =>
  result.success
    ? []
    : result.error!.issues.map(i => `${i.path.join('.')}: ${i.message}`);

describe('declared topology in entity specs', () => {
  it('keeps network-fabric and gpu-cluster specs without a topology valid', () => {
    expect(
      fabric.safeParse({ fabric: 'infiniband', linkSpeedGbps: 400 }).success,
    ).toBe(true);
    expect(
      cluster.safeParse({
        gpuPools: [{ model: 'H100', memoryGiB: 80, count: 8 }],
      }).success,
    ).toBe(true);
  });

  it('takes a fat tree, explicit links and a link width', () => {
    expect(
      issues(
        fabric.safeParse({
          fabric: 'infiniband',
          linkSpeedGbps: 400,
          linkWidth: 4,
          topology: {
            fatTree: {
              spines: 8,
              leaves: 16,
              nodesPerLeaf: 8,
              uplinksPerLeaf: 8,
            },
            links: [{ a: 'spine-01', b: 'core-01', count: 2 }],
          },
        }),
      ),
    ).toEqual([]);
  });

  it('names each bad field of a declared topology', () => {
    expect(
      issues(
        fabric.safeParse({
          fabric: 'infiniband',
          linkSpeedGbps: 400,
          linkWidth: 2.5,
          topology: { fatTree: { spines: 0, leaves: 16, nodesPerLeaf: 8 } },
        }),
      ),
    ).toEqual([
      'linkWidth: must be a whole number',
      'topology.fatTree.spines: must be greater than 0',
    ]);
    expect(
      issues(
        fabric.safeParse({ fabric: 'roce', linkSpeedGbps: 400, topology: {} }),
      ),
    ).toEqual(['topology: must declare a fatTree or links']);
    expect(
      issues(
        cluster.safeParse({
          gpuPools: [{ model: 'H100', memoryGiB: 80, count: 8 }],
          topology: {
            nodes: 4,
            nodePrefix: 'GPU_',
            gpusPerNode: 8,
            nvlinkDomainSize: 0,
          },
        }),
      ),
    ).toEqual([
      'topology.nodePrefix: must start a lowercase node name (letters, digits, dashes, dots)',
      'topology.nvlinkDomainSize: must be greater than 0',
    ]);
  });
});
