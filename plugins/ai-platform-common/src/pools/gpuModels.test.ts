import { gpuModelParts, sameGpuModel } from './gpuModels';

describe('GPU model names', () => {
  it.each([
    ['H100-SXM5-80GB', 'H100', 80],
    ['NVIDIA H100 80GB HBM3', 'H100', 80],
    ['NVIDIA A100-SXM4-80GB', 'A100', 80],
    ['H200-SXM5-141GB', 'H200', 141],
    ['NVIDIA L40S', 'L40S', undefined],
    ['NVIDIA GB200', 'GB200', undefined],
    ['Tesla T4', 'T4', undefined],
  ])('reads %s as %s with %s GB', (name, family, memoryGb) => {
    expect(gpuModelParts(name)).toEqual({ family, memoryGb });
  });

  it('matches the names sources give one product', () => {
    expect(sameGpuModel('H100-SXM5-80GB', 'NVIDIA H100 80GB HBM3')).toBe(true);
    expect(sameGpuModel('H200-SXM5-141GB', 'NVIDIA H200')).toBe(true);
    expect(sameGpuModel('A100-SXM4-40GB', 'NVIDIA A100-SXM4-80GB')).toBe(false);
    expect(sameGpuModel('H100-SXM5-80GB', 'NVIDIA H200 141GB HBM3e')).toBe(
      false,
    );
    expect(sameGpuModel('mystery', 'NVIDIA H100 80GB HBM3')).toBe(false);
  });
});
