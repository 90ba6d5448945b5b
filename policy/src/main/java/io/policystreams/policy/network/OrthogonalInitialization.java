package io.policystreams.policy.network;

import java.util.Random;

/**
 * Orthogonal weight initialisation (Saxe et al. 2014), as {@code torch.nn.init.orthogonal_}: W = gain·Q with Q
 * from the QR decomposition of a standard Gaussian matrix, signs fixed by diag(R) so Q is Haar-distributed.
 * Deterministic: {@link Random}'s Gaussian stream is specified exactly, so a seed gives the same bits on every JVM.
 */
public final class OrthogonalInitialization {

    private OrthogonalInitialization() {
    }

    /**
     * Writes gain·Q, a {@code rows × cols} matrix with orthonormal rows (rows ≤ cols) or columns (rows ≥ cols),
     * row-major into {@code target[offset, offset + rows·cols)}. Modified: target, rng.
     */
    public static void fill(double[] target, int offset, int rows, int cols, double gain, Random rng) {
        int tall = Math.max(rows, cols);
        int wide = Math.min(rows, cols);
        double[][] q = new double[wide][tall]; // q[j] is column j of the tall Gaussian matrix
        for (int i = 0; i < tall; i++) {
            for (int j = 0; j < wide; j++) {
                q[j][i] = rng.nextGaussian();
            }
        }
        orthonormalizeColumns(q);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double entry = rows >= cols ? q[c][r] : q[r][c];
                target[offset + r * cols + c] = gain * entry;
            }
        }
    }

    /** Modified Gram–Schmidt; each column is multiplied by sign(R_jj), i.e. kept in its own direction. */
    private static void orthonormalizeColumns(double[][] columns) {
        for (int j = 0; j < columns.length; j++) {
            double[] v = columns[j];
            for (int k = 0; k < j; k++) {
                double projection = dot(columns[k], v);
                for (int i = 0; i < v.length; i++) {
                    v[i] -= projection * columns[k][i];
                }
            }
            double norm = Math.sqrt(dot(v, v));
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0.0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
