import { FocusRowProblem } from '@ai-platform/plugin-ai-platform-common';
import { useApi } from '@backstage/core-plugin-api';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useState } from 'react';
import {
  FocusFileRefusedError,
  FocusImportResult,
  spendApiRef,
} from '../../api/spend';
import { backendMessage } from '../shared/backendMessage';

const count = new Intl.NumberFormat('en-US');

/** Every problem of a refused file, by line, so all can be fixed before the next try. */
function Problems(props: { problems: FocusRowProblem[] }) {
  const { problems } = props;
  return (
    <Alert severity="error">
      <AlertTitle>
        Nothing imported: {problems.length} problem
        {problems.length === 1 ? '' : 's'}
      </AlertTitle>
      <TableContainer sx={{ maxHeight: 320 }}>
        <Table size="small" stickyHeader aria-label="Problems by line">
          <TableHead>
            <TableRow>
              <TableCell>Line</TableCell>
              <TableCell>Column</TableCell>
              <TableCell>Problem</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {problems.map((p, i) => (
              <TableRow key={i}>
                <TableCell>line {p.line}</TableCell>
                <TableCell>{p.column ?? '–'}</TableCell>
                <TableCell>{p.message}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Alert>
  );
}

function Imported(props: { result: FocusImportResult }) {
  const { rows, inserted, updated, unchanged } = props.result;
  return (
    <Alert severity="success">
      <AlertTitle>Imported {count.format(rows)} rows</AlertTitle>
      {count.format(inserted)} inserted, {count.format(updated)} updated,{' '}
      {count.format(unchanged)} unchanged.
    </Alert>
  );
}

/**
 * Uploads a FOCUS billing file. A file with any bad line is refused whole, so the dialog lists
 * every problem; re-importing the same rows leaves them unchanged.
 */
export function FocusImportDialog(props: {
  onClose: () => void;
  onImported: () => void;
}) {
  const api = useApi(spendApiRef);
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<FocusImportResult>();
  const [error, setError] = useState<Error>();

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setResult(undefined);
    setError(undefined);
    try {
      setResult(await api.importFocus(file, file.name));
      props.onImported();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="md">
      <DialogTitle>Import FOCUS file</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <Typography color="text.secondary">
            A FinOps FOCUS billing export as CSV. Its rows are checked first: if
            any line is wrong, nothing is imported.
          </Typography>
          <Stack direction="row" spacing={2} alignItems="center">
            <Button component="label" startIcon={<UploadFileIcon />}>
              Choose file
              <input
                hidden
                type="file"
                accept=".csv,text/csv"
                data-testid="focus-file"
                onChange={e => {
                  setFile(e.target.files?.[0]);
                  setResult(undefined);
                  setError(undefined);
                }}
              />
            </Button>
            <Typography>{file?.name ?? 'No file chosen'}</Typography>
          </Stack>
          {error instanceof FocusFileRefusedError && (
            <Problems problems={error.problems} />
          )}
          {error && !(error instanceof FocusFileRefusedError) && (
            <Alert severity="error">
              <AlertTitle>Not imported</AlertTitle>
              {backendMessage(error)}
            </Alert>
          )}
          {result && <Imported result={result} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{result ? 'Done' : 'Cancel'}</Button>
        <Button variant="contained" onClick={submit} disabled={busy || !file}>
          Import
        </Button>
      </DialogActions>
    </Dialog>
  );
}
