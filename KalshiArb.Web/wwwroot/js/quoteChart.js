// Market chart interop: ApexCharts (pinned in package.json, served from lib/apexcharts) behind three calls.
// The payload comes from QuoteChartPayload on the server: line series of {x: epoch ms, y: dollars} and markers.

const charts = new WeakMap();

function toApexSeries(payload) {
    return payload.series.map(s => ({ name: s.name, data: s.data.map(p => ({ x: p.x, y: p.y })) }));
}

function toAnnotations(payload) {
    return {
        points: payload.markers.map(m => ({
            x: m.x,
            y: m.y,
            marker: { size: 5, fillColor: m.color, strokeColor: '#ffffff', strokeWidth: 1 },
            label: { text: m.label, borderColor: m.color, style: { background: m.color, color: '#0f1318', fontSize: '10px' } }
        }))
    };
}

// Prices live in (0, 1): zoom to the data with a little room, never past the bounds.
function yRange(payload) {
    const values = payload.series.flatMap(s => s.data.map(p => p.y)).concat(payload.markers.map(m => m.y)).filter(v => v !== null);
    if (values.length === 0) {
        return { min: 0, max: 1 };
    }
    return { min: Math.max(0, Math.min(...values) - 0.05), max: Math.min(1, Math.max(...values) + 0.05) };
}

export function render(element, payload) {
    destroy(element);
    const options = {
        chart: { type: 'line', height: payload.height, background: 'transparent', animations: { enabled: false }, toolbar: { show: true }, zoom: { enabled: true } },
        theme: { mode: 'dark' },
        colors: payload.series.map(s => s.color),
        stroke: { width: payload.series.map(s => s.width), curve: 'stepline', dashArray: payload.series.map(s => s.dashed ? 5 : 0) },
        series: toApexSeries(payload),
        annotations: toAnnotations(payload),
        // The window's own span: a single bucket is drawn across it, not as a lone dot on an axis of days.
        xaxis: { type: 'datetime', min: payload.xMin, max: payload.xMax, labels: { datetimeUTC: false } },
        markers: { size: payload.showPoints ? 5 : 0 },
        dataLabels: { enabled: payload.showPoints, formatter: v => v === null ? '' : '$' + v.toFixed(2) },
        yaxis: { ...yRange(payload), decimalsInFloat: 2, title: { text: 'P(YES), $' } },
        tooltip: { shared: true, x: { format: 'HH:mm:ss' } },
        legend: { position: 'top' },
        noData: { text: 'No history in this window yet' }
    };
    const chart = new window.ApexCharts(element, options);
    charts.set(element, chart);
    return chart.render();
}

export function update(element, payload) {
    const chart = charts.get(element);
    if (!chart) {
        return render(element, payload);
    }
    chart.updateOptions({ xaxis: { type: 'datetime', min: payload.xMin, max: payload.xMax, labels: { datetimeUTC: false } }, markers: { size: payload.showPoints ? 5 : 0 }, dataLabels: { enabled: payload.showPoints }, annotations: toAnnotations(payload), yaxis: { ...yRange(payload), decimalsInFloat: 2, title: { text: 'P(YES), $' } } }, false, false);
    return chart.updateSeries(toApexSeries(payload), false);
}

export function destroy(element) {
    const chart = charts.get(element);
    if (chart) {
        chart.destroy();
        charts.delete(element);
    }
}
