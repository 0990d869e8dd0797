import { useApi } from '@backstage/core-plugin-api';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import useAsync from 'react-use/esm/useAsync';
import { rejectedEntitiesApiRef } from '../../api/catalog';

/**
 * Entities the catalog rejected for breaking the entity model, with the field that is wrong.
 * Renders nothing when there are none, or when the list cannot be read (the catalog's
 * unprocessed-entities module may not be installed).
 */
export function RejectedEntitiesPanel() {
  const api = useApi(rejectedEntitiesApiRef);
  const { value: rejected } = useAsync(() => api.listRejectedEntities(), [api]);
  if (!rejected || rejected.length === 0) {
    return null;
  }
  return (
    <Alert
      severity="warning"
      role="region"
      aria-label="Rejected entities"
      sx={{ mb: 2 }}
    >
      <AlertTitle>
        {rejected.length === 1
          ? '1 entity was rejected by the catalog'
          : `${rejected.length} entities were rejected by the catalog`}
      </AlertTitle>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {rejected.map(entity => (
          <li key={`${entity.kind}:${entity.namespace}/${entity.name}`}>
            <strong>
              {entity.kind.toLocaleLowerCase('en-US')}:{entity.namespace}/
              {entity.name}
            </strong>
            {entity.location ? ` (${entity.location})` : ''}:{' '}
            {entity.problems.join('; ')}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
