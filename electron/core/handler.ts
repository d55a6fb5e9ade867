import type { Method, MethodArgs, MethodOutput } from '../contract/contract';
import type { AppContext } from './app-context';

export type Handler<M extends Method> = (ctx: AppContext, input: MethodArgs<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
export type Handlers<K extends Method = Method> = { [M in K]: Handler<M> };
