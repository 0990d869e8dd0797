import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import { FabricHealth } from '@ai-platform/plugin-ai-platform-common';
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import useAsync from 'react-use/esm/useAsync';
import { HEALTH_LABEL, HEALTH_STATES } from './health';

export interface FabricFilterValues {
  cluster?: string;
  fabric?: string;
  health: FabricHealth[];
}

type Option = { ref: string; title: string };

/** The catalog's GPU clusters and network fabrics, to filter by. */
function useFilterOptions() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: [
        { kind: 'resource', 'spec.type': 'gpu-cluster' },
        { kind: 'resource', 'spec.type': 'network-fabric' },
      ],
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.type',
      ],
    });
    const of = (type: string): Option[] =>
      items
        .filter(e => e.spec?.type === type)
        .map(e => ({
          ref: stringifyEntityRef(e),
          title: e.metadata.title ?? e.metadata.name,
        }))
        .sort((a, b) => a.title.localeCompare(b.title));
    return { clusters: of('gpu-cluster'), fabrics: of('network-fabric') };
  }, [catalogApi]);
}

/** The selected entity stays an option even when the catalog did not answer. */
function withSelected(options: Option[] | undefined, selected?: string) {
  const list = options ?? [];
  return selected && !list.some(o => o.ref === selected)
    ? [
        ...list,
        {
          ref: selected,
          title: humanizeEntityRef(parseEntityRef(selected), {
            defaultKind: 'resource',
          }),
        },
      ]
    : list;
}

function EntitySelect(props: {
  label: string;
  value?: string;
  options: Option[];
  helperText?: string;
  onChange: (value?: string) => void;
}) {
  return (
    <TextField
      select
      size="small"
      label={props.label}
      value={props.value ?? ''}
      onChange={e => props.onChange(e.target.value || undefined)}
      helperText={props.helperText}
      sx={{ minWidth: 200 }}
    >
      <MenuItem value="">All</MenuItem>
      {props.options.map(o => (
        <MenuItem key={o.ref} value={o.ref}>
          {o.title}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** Cluster, fabric and link states to show; no state selected shows every state. */
export function FabricFilters(props: {
  value: FabricFilterValues;
  onChange: (value: FabricFilterValues) => void;
}) {
  const { value, onChange } = props;
  const options = useFilterOptions();
  const helperText = options.error ? 'The catalog did not answer' : undefined;
  return (
    <Box
      sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'center' }}
    >
      <EntitySelect
        label="Cluster"
        value={value.cluster}
        options={withSelected(options.value?.clusters, value.cluster)}
        helperText={helperText}
        onChange={cluster => onChange({ ...value, cluster })}
      />
      <EntitySelect
        label="Fabric"
        value={value.fabric}
        options={withSelected(options.value?.fabrics, value.fabric)}
        helperText={helperText}
        onChange={fabric => onChange({ ...value, fabric })}
      />
      <ToggleButtonGroup
        size="small"
        value={value.health}
        onChange={(_, health: FabricHealth[]) => onChange({ ...value, health })}
        aria-label="Link health"
      >
        {HEALTH_STATES.map(h => (
          <ToggleButton key={h} value={h}>
            {HEALTH_LABEL[h]}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </Box>
  );
}
