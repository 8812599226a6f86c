// Downloads of a rendered Plotly figure: its data as CSV, built in the browser from the traces the
// chart already holds (a raster of 100,000 spikes never travels over the circuit twice), and the
// figure as SVG (the toolbar's camera gives PNG).

function figure(testId) {
    const gd = document.querySelector('[data-testid="' + testId + '"] .js-plotly-plot');
    return gd && Array.isArray(gd.data) ? gd : null;
}

// RFC 4180 quoting; numbers as JavaScript prints them ('.' decimals whatever the locale).
function cell(value) {
    if (value === null || value === undefined || (typeof value === "number" && !isFinite(value))) return "";
    const text = Array.isArray(value) ? value.join(" / ") : String(value);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

function axis(values, i) {
    if (!values) return undefined;
    // Multi-category axes hold one array per level: join the levels ("M1 / L23E").
    return Array.isArray(values[0]) ? values.map(level => level[i]) : values[i];
}

function rows(data) {
    const first = data[0] || {};
    if (first.labels) {
        const out = [["trace", "label", "parent", "value"]];
        data.forEach(t => (t.labels || []).forEach((label, i) =>
            out.push([t.name, label, t.parents ? t.parents[i] : "", t.values ? t.values[i] : ""])));
        return out;
    }
    if (first.z) {
        const out = [["trace", "x", "y", "z"]];
        data.forEach(t => (t.z || []).forEach((row, i) => row.forEach((z, j) =>
            out.push([t.name, t.x ? t.x[j] : j, t.y ? t.y[i] : i, z]))));
        return out;
    }
    const out = [["trace", "x", "y", "error_plus", "error_minus", "text"]];
    data.forEach(t => {
        const xs = t.x || [], ys = t.y || [];
        const n = Math.max(Array.isArray(xs[0]) ? xs[0].length : xs.length, ys.length);
        const err = t.error_y || {};
        for (let i = 0; i < n; i++) {
            out.push([t.name, axis(t.x, i), ys[i], err.array ? err.array[i] : "",
                err.arrayminus ? err.arrayminus[i] : (err.array ? err.array[i] : ""), Array.isArray(t.text) ? t.text[i] : ""]);
        }
    });
    return out;
}

function save(blob, fileName) {
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Returns the CSV text (tests read it back) or null when the chart is not rendered yet.
export function downloadCsv(testId, fileName) {
    const gd = figure(testId);
    if (!gd) return null;
    const text = rows(gd.data).map(r => r.map(cell).join(",")).join("\n") + "\n";
    save(new Blob([text], { type: "text/csv;charset=utf-8" }), fileName);
    return text;
}

export function downloadSvg(testId, fileName) {
    const gd = figure(testId);
    if (!gd || !window.Plotly) return false;
    window.Plotly.downloadImage(gd, { format: "svg", filename: fileName });
    return true;
}
