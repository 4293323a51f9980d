export { compareFields, type FieldDifference } from './compare.js';
export { applyFieldValues, fieldValue, readFields, type FieldEdit, type FieldValue } from './fields.js';
export { asHtmlText, DELETED, FIELD, INSERTED, normalized } from './html.js';
export { decideAllMarks, decideMark, identifyMarks, marksOf, type Decision, type Mark, type MarkKind } from './marks.js';
export { collapseChanges, renderRedline, type RedlineOptions, type RenderedChange } from './render.js';
