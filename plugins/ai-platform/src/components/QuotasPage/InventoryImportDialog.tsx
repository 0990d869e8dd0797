import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { InventoryImportInput } from '@ai-platform/plugin-ai-platform-common';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { InventoryImportResult, poolsApiRef } from '../../api/pools';
import { backendMessage } from '../shared/backendMessage';

const FORMATS: Record<InventoryImportInput['format'], string> = {
  'nvidia-smi-xml': 'nvidia-smi -q -x XML',
  'nvidia-smi-csv': 'nvidia-smi --query-gpu CSV',
};

/** XML output starts with its declaration or root element; anything else is read as CSV. */
const formatOf = (content: string): InventoryImportInput['format'] =>
  content.trimStart().startsWith('<') ? 'nvidia-smi-xml' : 'nvidia-smi-csv';

const clusterLabel = (cluster: Entity) =>
  cluster.metadata.title ??
  humanizeEntityRef(cluster, { defaultKind: 'resource' });

function useGpuClusters() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'resource', 'spec.type': 'gpu-cluster' },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    return items;
  }, [catalogApi]);
}

/** The GPUs an import found, per model: what the cluster's pools become at the next sync. */
function ImportedPools(props: { result: InventoryImportResult }) {
  const { devices, pools } = props.result;
  return (
    <Alert severity="success">
      <AlertTitle>
        {devices.length} GPU{devices.length === 1 ? '' : 's'} imported
      </AlertTitle>
      <Table size="small" aria-label="Imported GPUs by model">
        <TableHead>
          <TableRow>
            <TableCell>GPU model</TableCell>
            <TableCell align="right">GPUs</TableCell>
            <TableCell align="right">Memory</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {pools.map(pool => (
            <TableRow key={pool.gpuModel}>
              <TableCell>{pool.gpuModel}</TableCell>
              <TableCell align="right">{pool.capacity}</TableCell>
              <TableCell align="right">{pool.memoryGiB} GiB</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="body2" sx={{ mt: 1 }}>
        The cluster’s pools follow at the next pool sync.
      </Typography>
    </Alert>
  );
}

/**
 * Imports a cluster's GPUs from `nvidia-smi -q -x` or `--query-gpu` output, pasted or
 * uploaded, replacing what was imported for it before.
 */
export function InventoryImportDialog(props: { onClose: () => void }) {
  const api = useApi(poolsApiRef);
  const clusters = useGpuClusters();
  const [clusterRef, setClusterRef] = useState('');
  const [content, setContent] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<InventoryImportResult>();
  const [error, setError] = useState<Error>();

  const edit = (next: string) => {
    setContent(next);
    setResult(undefined);
    setError(undefined);
  };

  const submit = async () => {
    setBusy(true);
    setResult(undefined);
    setError(undefined);
    try {
      setResult(
        await api.importInventory({
          clusterRef,
          format: formatOf(content),
          content,
        }),
      );
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  let clusterField;
  if (clusters.loading) {
    clusterField = <Progress />;
  } else if (clusters.error) {
    clusterField = (
      <Alert severity="error">
        Could not load the GPU clusters: {clusters.error.message}
      </Alert>
    );
  } else if (!clusters.value?.length) {
    clusterField = (
      <Alert severity="info">
        The catalog has no GPU clusters (Resources of type gpu-cluster) to
        import into.
      </Alert>
    );
  } else {
    clusterField = (
      <TextField
        select
        label="Cluster"
        value={clusterRef}
        onChange={e => setClusterRef(e.target.value)}
        fullWidth
      >
        {clusters.value.map(cluster => (
          <MenuItem
            key={stringifyEntityRef(cluster)}
            value={stringifyEntityRef(cluster)}
          >
            {clusterLabel(cluster)}
          </MenuItem>
        ))}
      </TextField>
    );
  }

  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="md">
      <DialogTitle>Import GPU inventory</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography color="text.secondary">
            Replaces the cluster’s imported GPUs with those of its{' '}
            <code>nvidia-smi -q -x</code> or{' '}
            <code>nvidia-smi --query-gpu=… --format=csv</code> output.
          </Typography>
          {clusterField}
          <TextField
            label="nvidia-smi output"
            multiline
            minRows={6}
            maxRows={14}
            value={content}
            onChange={e => edit(e.target.value)}
            helperText={
              content.trim()
                ? `Read as ${FORMATS[formatOf(content)]}`
                : 'Paste the output, or upload the file'
            }
            InputProps={{ sx: { fontFamily: 'monospace', fontSize: 12 } }}
          />
          <div>
            <Button component="label" startIcon={<UploadFileIcon />}>
              Upload file
              <input
                hidden
                type="file"
                accept=".xml,.csv,.txt,text/xml,text/csv,text/plain"
                data-testid="inventory-file"
                onChange={async e => {
                  const file = e.target.files?.[0];
                  if (file) edit(await file.text());
                }}
              />
            </Button>
          </div>
          {error && (
            <Alert severity="error">
              <AlertTitle>Not imported</AlertTitle>
              {backendMessage(error)}
            </Alert>
          )}
          {result && <ImportedPools result={result} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{result ? 'Done' : 'Cancel'}</Button>
        <Button
          variant="contained"
          onClick={submit}
          disabled={busy || !clusterRef || !content.trim()}
        >
          Import
        </Button>
      </DialogActions>
    </Dialog>
  );
}
