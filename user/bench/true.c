/*
 * EXEC_TARGET: the tiny static binary the exec benchmarks and the shell
 * workload run.  It only exits, so what is measured is the kernel's
 * fork/exec/exit/wait path plus musl's start-up, as with /bin/true.
 */
int main(void)
{
	return 0;
}
