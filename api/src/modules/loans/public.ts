/** What the loans module offers the others: the list of loans. */
export { listLoans } from './proposals';
