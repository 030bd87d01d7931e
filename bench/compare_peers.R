# Rtsne side of bench/compare-peers. Usage: Rscript compare_peers.R OUTDIR N D THREADS
# Reads OUTDIR/X.f32 (N x D, raw little-endian float32, row-major) and OUTDIR/init.f64 (N x 2,
# raw float64, row-major: the PCA init, std 1e-4 on the first column, made by compare_peers.py),
# runs Rtsne (Barnes-Hut) at the standard settings, writes OUTDIR/rtsne.csv and prints, last,
# one JSON line.
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
n <- as.integer(args[2])
d <- as.integer(args[3])
threads <- as.integer(args[4])
suppressPackageStartupMessages(library(Rtsne))

con <- file(file.path(out, "X.f32"), "rb")
X <- matrix(readBin(con, "numeric", n = n * d, size = 4, endian = "little"), nrow = n, ncol = d,
            byrow = TRUE)
close(con)
con <- file(file.path(out, "init.f64"), "rb")
Y0 <- matrix(readBin(con, "numeric", n = n * 2, size = 8, endian = "little"), nrow = n, ncol = 2,
             byrow = TRUE)
close(con)

eta <- max(200, n / 12)  # bhtsne convention, as vtsne
# With Y_init, Rtsne's defaults turn off early exaggeration and the momentum switch
# (stop_lying_iter = mom_switch_iter = 0): both are given explicitly here.
t0 <- proc.time()[["elapsed"]]
res <- Rtsne(X, dims = 2, perplexity = 30, theta = 0.5, check_duplicates = FALSE, pca = FALSE,
             normalize = FALSE, max_iter = 750, Y_init = Y0, stop_lying_iter = 250L,
             mom_switch_iter = 250L, momentum = 0.5, final_momentum = 0.8, eta = eta,
             exaggeration_factor = 12, num_threads = threads, verbose = TRUE)
fit <- proc.time()[["elapsed"]] - t0
flush.console()
write.table(format(res$Y, digits = 9, scientific = TRUE, trim = TRUE), file.path(out, "rtsne.csv"),
            sep = ",", row.names = FALSE, col.names = FALSE, quote = FALSE)
costs <- res$itercosts
cat(sprintf(paste0('{"engine": "rtsne", "version": "%s", "n": %d, "threads": %d, ',
                   '"fit_seconds": %.4f, "iterations": %d, "eta": %.6f, "kl": %.6f, ',
                   '"itercosts": [%s]}\n'),
            as.character(packageVersion("Rtsne")), n, threads, fit, 750L, eta,
            costs[length(costs)], paste(sprintf("%.6f", costs), collapse = ", ")))
