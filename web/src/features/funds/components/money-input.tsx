// The admin's one money input lives in components/ (programmes and applications use it too).
export { MoneyInput } from '../../../components/money-input';
