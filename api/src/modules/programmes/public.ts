/** What the programmes module offers the others: whether a programme's call takes applications on a day. */
export { isCallOpen } from './service';
