export * from './priceTable';
export * from './estimate';
export * from './edits';
