import { useEffect, useMemo } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import TextField from '@mui/material/TextField';
import useAsync from 'react-use/esm/useAsync';
import { workspaceApiRef } from '../../api/workspace';

/**
 * A scaffolder field that picks a workspace image from those the platform offers
 * (`aiPlatform.workspace.images`), the default first. Where it offers no list, or the list
 * cannot be read, it takes any image reference; the backend checks the image either way.
 */
export function WorkspaceImagePicker(
  props: FieldExtensionComponentProps<string>,
) {
  const { formData, onChange, schema, required, rawErrors, idSchema } = props;
  const api = useApi(workspaceApiRef);
  const {
    loading,
    error,
    value: images,
  } = useAsync(() => api.listImages(), [api]);
  const title = schema.title ?? 'Image';
  const offered = useMemo(() => images ?? [], [images]);

  // The default shows, and is what the form sends, until another is picked.
  useEffect(() => {
    if (!formData && offered.length > 0) onChange(offered[0]);
  }, [formData, offered, onChange]);

  if (!loading && offered.length === 0) {
    return (
      <TextField
        id={idSchema?.$id}
        label={title}
        fullWidth
        margin="normal"
        required={required}
        value={formData ?? ''}
        onChange={event => onChange(event.target.value)}
        error={Boolean(rawErrors?.length)}
        helperText={
          error
            ? `Could not load the images the platform offers (${error.message}); type one`
            : schema.description
        }
      />
    );
  }
  const labelId = `${idSchema?.$id ?? 'workspace-image'}-label`;
  return (
    <FormControl
      fullWidth
      margin="normal"
      required={required}
      error={Boolean(rawErrors?.length)}
    >
      <InputLabel id={labelId}>{title}</InputLabel>
      <Select
        labelId={labelId}
        label={title}
        value={offered.includes(formData ?? '') ? formData : ''}
        disabled={loading}
        onChange={event => onChange(String(event.target.value))}
      >
        {offered.map((image, index) => (
          <MenuItem key={image} value={image}>
            {index === 0 ? `${image} (default)` : image}
          </MenuItem>
        ))}
      </Select>
      <FormHelperText>
        {loading
          ? 'Loading the images the platform offers…'
          : schema.description}
      </FormHelperText>
    </FormControl>
  );
}
