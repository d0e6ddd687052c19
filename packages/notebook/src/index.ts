export * from "./doc";
export * from "./format";
export { NotebookEditError, validateCellName } from "./names";
