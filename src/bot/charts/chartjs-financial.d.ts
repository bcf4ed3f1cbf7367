// The package's ESM build has no types of its own; its package types describe the same exports.
declare module 'chartjs-chart-financial/dist/chartjs-chart-financial.esm.js' {
  export { CandlestickController, CandlestickElement } from 'chartjs-chart-financial';
}
