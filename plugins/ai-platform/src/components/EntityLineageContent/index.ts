export { EntityLineageContent } from './EntityLineageContent';
export { isLineageEntity } from './lineage';
