import { useApi } from '@backstage/core-plugin-api';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import useAsync from 'react-use/esm/useAsync';
import { quotaApiRef } from '../../api/quota';

/** The value the picker writes into the template's parameters. */
export interface GpuPoolChoice {
  clusterRef: string;
  gpuModel: string;
}

const DAYS = 30;

/**
 * A scaffolder field that picks a GPU pool, showing each pool's free GPUs over the next 30
 * days (capacity minus the peak of approved and active quotas).
 */
export function GpuPoolPicker(
  props: FieldExtensionComponentProps<GpuPoolChoice>,
) {
  const { formData, onChange, schema, required, rawErrors, idSchema } = props;
  const api = useApi(quotaApiRef);
  const {
    loading,
    error,
    value: pools,
  } = useAsync(async () => {
    const from = new Date();
    return api.getAllocation(
      from,
      new Date(from.getTime() + DAYS * 86_400_000),
    );
  }, [api]);

  const key = (p: GpuPoolChoice) => `${p.clusterRef}|${p.gpuModel}`;
  const selected = formData?.clusterRef ? key(formData) : '';
  const labelId = `${idSchema?.$id ?? 'gpu-pool'}-label`;
  let helperText =
    schema.description ??
    `Free GPUs are the least free at any time in the next ${DAYS} days`;
  if (loading) helperText = 'Loading GPU pools…';
  if (error) helperText = `Could not load GPU pools: ${error.message}`;
  return (
    <FormControl
      fullWidth
      margin="normal"
      required={required}
      error={Boolean(rawErrors?.length) || Boolean(error)}
    >
      <InputLabel id={labelId}>{schema.title ?? 'GPU pool'}</InputLabel>
      <Select
        labelId={labelId}
        label={schema.title ?? 'GPU pool'}
        value={selected}
        disabled={loading || Boolean(error)}
        onChange={event => {
          const [clusterRef, gpuModel] = String(event.target.value).split('|');
          onChange({ clusterRef, gpuModel });
        }}
      >
        {(pools ?? []).map(pool => {
          const peak = Math.max(0, ...pool.steps.map(s => s.allocated));
          const free = pool.capacity - peak;
          return (
            <MenuItem key={key(pool)} value={key(pool)} disabled={free <= 0}>
              {pool.gpuModel} on{' '}
              {pool.clusterRef.replace(/^resource:default\//, '')} — {free} of{' '}
              {pool.capacity} free
            </MenuItem>
          );
        })}
      </Select>
      <FormHelperText>{helperText}</FormHelperText>
    </FormControl>
  );
}

/** Fails the form step when no pool is picked. */
export function validateGpuPool(
  value: GpuPoolChoice | undefined,
  validation: { addError: (message: string) => void },
) {
  if (!value?.clusterRef || !value?.gpuModel) {
    validation.addError('pick a GPU pool');
  }
}
