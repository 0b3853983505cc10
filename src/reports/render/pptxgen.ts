/**
 * pptxgenjs under NodeNext: TypeScript reads its types as CommonJS and finds the
 * class under `.default`, while Node loads its ES build whose default export
 * is the class itself. This module gives both sides one constructor and the
 * library's types used here.
 */
import type * as Types from 'pptxgenjs';
import pptxgenModule from 'pptxgenjs';

export type Slide = Types.default.Slide;
export type ChartName = Types.default.CHART_NAME;
export type ChartOptions = Types.default.IChartOpts;
export type TableCell = Types.default.TableCell;
export type TableCellProps = Types.default.TableCellProps;
export type TableRow = Types.default.TableRow;
export type Presentation = InstanceType<typeof pptxgenModule.default>;

type Constructor = typeof pptxgenModule.default;
const loaded: unknown = pptxgenModule;

/** The pptxgenjs class, whichever module format was loaded. */
export const PptxGenJS: Constructor =
  typeof loaded === 'function' ? (loaded as Constructor) : pptxgenModule.default;
