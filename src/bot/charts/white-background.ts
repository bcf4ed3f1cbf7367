import type { Plugin } from 'chart.js';

/** Telegram shows transparent PNGs on the chat's own (often dark) background. */
export const whiteBackground: Plugin = {
  id: 'white-background',
  beforeDraw: (chart) => {
    const { ctx } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};
