export * from './nvidiaSmi';
