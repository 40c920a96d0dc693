'use client';
import { Component, type ReactNode } from 'react';

interface Props {
  message: string;
  resetLabel: string;
  children: ReactNode;
}

/** One failing cell must never take the page down: render errors stop here. */
export class CellErrorBoundary extends Component<Props, { error: Error | null; epoch: number }> {
  state = { error: null as Error | null, epoch: 0 };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error) {
    // Keep a trace for developers without turning it into a console error in tests.
    console.warn('Cell render error:', error.message);
  }

  render() {
    if (this.state.error) {
      return (
        <div className="cell-crash" role="alert">
          <p>{this.props.message}</p>
          <p className="cell-crash-detail">{this.state.error.message}</p>
          <button type="button" onClick={() => this.setState((s) => ({ error: null, epoch: s.epoch + 1 }))}>
            {this.props.resetLabel}
          </button>
        </div>
      );
    }
    return <div key={this.state.epoch}>{this.props.children}</div>;
  }
}
